// The landlord portal: renters as cards, leases with their dates, the ones ending soon, renewal,
// ending a lease after a confirmation, each renter's access history, registering a renter and
// exporting a building's registrations for the police. Every text from the catalog (Anju.t).
const { api, el, t } = Anju;
const DAY = 86400000;
/** Leases ending within this many days are listed as ending soon. */
const EXPIRING_DAYS = 30;
let buildings = [];
let leases = [];
let pendingPoll = null;
// the catalog's prefixes of a field's name, a method's and a refusal's reason: landlord.field.idNumber, landlord.how.card...
const FIELD = 'landlord.field.', METHOD = 'landlord.how.', REASON = 'landlord.why.';

/** GB 11643: 17 digits, a check character from ISO 7064 MOD 11-2, a real birth date; the catalog's code of what is wrong. */
function idProblem(v) {
  const s = v.replace(/\s/g, '').toUpperCase();
  if (!s) return { code: 'landlord.id.required' };
  if (s.length !== 18) return { code: 'landlord.id.length', args: { given: s.length } };
  if (!/^\d{17}/.test(s)) return { code: 'landlord.id.digits' };
  if (!/[\dX]$/.test(s)) return { code: 'landlord.id.last' };
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14), born = new Date(Date.UTC(y, m - 1, d));
  if (born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d || y < 1900 || born > new Date()) return { code: 'landlord.id.birth' };
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], c = '10X98765432';
  let sum = 0; for (let i = 0; i < 17; i++) sum += (+s[i]) * w[i];
  return c[sum % 11] === s[17] ? null : { code: 'landlord.id.check' };
}
const phoneOk = v => /^1[3-9]\d{9}$/.test(v.replace(/[\s-]/g, '').replace(/^\+86/, ''));

/** "身份证号：…" — a problem naming the field as people know it. */
const problemText = (field, code, args) => t('landlord.problem', { field: t(FIELD + field), problem: t(code, args) });

const colon = () => (Anju.lang() === 'zh' ? '：' : ': ');
const semi = () => (Anju.lang() === 'zh' ? '；' : '; ');
const building = () => buildings.find(b => b.id === document.getElementById('building').value);
const ms = iso => new Date(iso).getTime();
const day = iso => Anju.date(ms(iso));

/** Links to print each charging area's port labels: a tenant scans one to charge at that port. */
function fillLabels() {
  const b = building();
  document.getElementById('port-labels').replaceChildren(...(b && b.areas ? b.areas : []).map(a => el('a',
    { class: 'big-link', href: 'port-labels.html?building=' + encodeURIComponent(b.id) + '&area=' + encodeURIComponent(a) },
    t('landlord.portLabels', { area: a }))));
}

function fillRooms() {
  fillLabels();
  const b = building();
  document.getElementById('room').replaceChildren(...(b ? b.rooms : []).map(r => el('option', { value: r }, t('landlord.roomOf', { room: r }))));
}

async function load() {
  const r = await api('GET', '/api/v1/buildings');
  buildings = r.data.buildings || [];
  const sel = document.getElementById('building');
  sel.replaceChildren(...buildings.map(b => el('option', { value: b.id }, b.name)));
  sel.onchange = () => { fillRooms(); closeHistory(); loadLeases(); };
  fillRooms();
  loadLeases();
}

/** Where a lease stands at its gateway, in words: in effect, waiting (since when) or failing (why; retried). */
function stateOf(l) {
  const g = (l.gateways || [])[0];
  if (!g) return { text: t('landlord.gw.none'), kind: 'warn' };
  if (g.applied) return { text: t('landlord.gw.applied', { time: Anju.dateTime(ms(g.at)) }), kind: 'ok' };
  if (g.state === 'failing') return { text: t('landlord.gw.failing', { time: Anju.dateTime(ms(g.since)), detail: g.detail || '' }), kind: 'bad' };
  return { text: t('landlord.gw.pending', { time: Anju.dateTime(ms(g.since)) }), kind: 'warn' };
}

const daysLeft = l => Math.ceil((ms(l.leaseEnd) - Date.now()) / DAY);
const current = l => !l.ended && ms(l.leaseEnd) > Date.now();

function renterCard(l) {
  const s = stateOf(l);
  const ended = !!l.ended;
  // a lease that ran out without being ended: its doors are shut too, and it may still be renewed
  const over = l.ended || (current(l) ? null : l.leaseEnd);
  const left = daysLeft(l);
  return el('li', { class: 'renter' + (over ? ' ended' : ''), 'data-lease': l.id },
    el('p', { class: 'who' }, el('strong', {}, l.name), el('span', {}, t('landlord.roomOf', { room: l.room }))),
    over ? el('p', {}, el('span', { class: 'badge' }, t('landlord.endedBadge')), ' ',
      t('landlord.endedOn', { date: day(over), kept: day(l.historyUntil) }))
      : el('p', {}, t('landlord.leaseDates', { from: day(l.leaseStart), until: day(l.leaseEnd) }),
        left <= EXPIRING_DAYS ? [' ', el('span', { class: 'badge soon' }, left <= 0 ? t('landlord.endsToday') : t('landlord.endsIn', { days: left }))] : []),
    ended ? [] : [
      el('p', {}, t('landlord.idShort') + ' ' + l.idNumber + ' · ' + t('landlord.phoneShort') + ' ' + l.phone),
      el('p', {}, t('landlord.cardsLine', { cards: l.cards.length ? l.cards.join(', ') : t('landlord.noCards') }))],
    el('p', { class: 'state gateway-state ' + s.kind }, t('landlord.doorAccess') + colon() + s.text),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', 'data-action': 'history', onclick: () => history(l) }, t('landlord.history')),
      ended ? [] : [
        el('button', { type: 'button', class: 'secondary', 'data-action': 'renew', onclick: () => askRenew(l) }, t('landlord.renew')),
        el('button', { type: 'button', class: 'secondary', 'data-action': 'reissue', onclick: () => reissue(l) }, t('landlord.newInvitation')),
        el('button', { type: 'button', class: 'danger', 'data-action': 'end', onclick: () => askEnd(l) }, t('landlord.end'))]));
}

function expiringCard(l) {
  const left = daysLeft(l);
  return el('li', { class: 'renter', 'data-lease': l.id },
    el('p', { class: 'who' }, el('strong', {}, l.name), el('span', {}, t('landlord.roomOf', { room: l.room }))),
    el('p', {}, t('landlord.leaseDates', { from: day(l.leaseStart), until: day(l.leaseEnd) }), ' ',
      el('span', { class: 'badge soon' }, left <= 0 ? t('landlord.endsToday') : t('landlord.endsIn', { days: left }))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', 'data-action': 'renew', onclick: () => askRenew(l) }, t('landlord.renew'))));
}

/** Re-renders the cards, keeping the keyboard focus on the same button of the same lease. */
function render() {
  const f = document.activeElement;
  const keep = f && f.dataset && f.dataset.action ? { action: f.dataset.action, lease: f.closest('[data-lease]')?.dataset.lease,
    list: f.closest('ul')?.id } : null;
  // the park lists an ended lease while its history is kept (historyUntil), and the page shows it as long
  const shown = leases;
  const soon = leases.filter(l => current(l) && daysLeft(l) <= EXPIRING_DAYS).sort((a, b) => ms(a.leaseEnd) - ms(b.leaseEnd));
  document.getElementById('expiring-title').textContent = t('landlord.expiring', { days: EXPIRING_DAYS });
  document.getElementById('expiring').replaceChildren(...(soon.length ? soon.map(expiringCard)
    : [el('li', { class: 'muted' }, t('landlord.noneExpiring', { days: EXPIRING_DAYS }))]));
  shown.sort((a, b) => (!!a.ended - !!b.ended) || a.room.localeCompare(b.room) || a.name.localeCompare(b.name));
  document.getElementById('leases').replaceChildren(...(shown.length ? shown.map(renterCard)
    : [el('li', { class: 'muted' }, t('landlord.noRenters'))]));
  document.getElementById('renters-count').textContent = t('landlord.rentersCount', { count: leases.filter(current).length });
  if (keep && keep.lease) {
    const again = document.querySelector('#' + keep.list + ' [data-lease="' + keep.lease + '"] [data-action="' + keep.action + '"]');
    if (again) again.focus();
  }
}

async function loadLeases() {
  const b = document.getElementById('building').value;
  if (!b) return;
  const r = await api('GET', '/api/v1/leases?building=' + encodeURIComponent(b));
  if (r.status !== 200) { say('lease-result', false, r.data.error); return; }
  leases = r.data.leases || [];
  render();
  // what the gateway has not confirmed yet shows as waiting; look again until it has
  const waiting = leases.some(l => (l.gateways || []).some(g => !g.applied));
  clearTimeout(pendingPoll);
  if (waiting) pendingPoll = setTimeout(loadLeases, 2000);
}

function say(id, ok, text) {
  const box = document.getElementById(id);
  box.className = 'result ' + (ok ? 'ok' : 'bad');
  box.textContent = text;
}

const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');

/**
 * The renter's invitation, shown once: the code, the QR code of the link that carries it (for the
 * renter's phone camera) and a button to print just this card. The renter chooses their own password.
 */
function showInvitation(name, inv) {
  const card = document.getElementById('invitation');
  card.replaceChildren(
    el('h3', {}, t('landlord.invitation', { name })),
    el('div', { class: 'invitation' },
      el('img', { src: inv.qr, alt: t('landlord.invitationQr'), 'data-url': inv.url }),
      el('div', {},
        el('p', {}, t('landlord.invitationLogin') + ' ', el('strong', { id: 'invitation-login' }, inv.login)),
        el('p', {}, t('landlord.invitationCode') + ' ', el('code', { id: 'invitation-code' }, inv.code)),
        el('p', { class: 'muted' }, t('landlord.invitationHint', { until: Anju.dateTime(ms(inv.expiresAt)),
          url: location.host + '/tenant.html' })))),
    el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('landlord.print'))));
  card.classList.remove('hidden');
}

async function reissue(l) {
  const r = await api('POST', '/api/v1/leases/' + encodeURIComponent(l.id) + '/invitation');
  say('lease-result', r.status === 201, r.status === 201 ? t('landlord.reissued', { name: l.name }) : r.data.error);
  if (r.status === 201) showInvitation(l.name, r.data.invitation);
}

/** Ending cuts the renter's door access at once: it is asked for, naming the renter and the room. */
function askEnd(l) {
  const dialog = document.getElementById('end-dialog');
  document.getElementById('end-title').textContent = t('landlord.endTitle', { name: l.name });
  document.getElementById('end-warning').textContent = t('landlord.endWarning', { name: l.name, room: l.room });
  const confirm = document.getElementById('end-confirm');
  confirm.textContent = t('landlord.endConfirm', { name: l.name });
  confirm.onclick = () => { dialog.close(); end(l); };
  document.getElementById('end-cancel').onclick = () => dialog.close();
  dialog.showModal();
  document.getElementById('end-cancel').focus();
}

async function end(l) {
  const r = await api('DELETE', '/api/v1/leases/' + encodeURIComponent(l.id));
  say('lease-result', r.status === 200, r.status === 200 ? t('landlord.ended', { name: l.name }) : r.data.error);
  loadLeases();
}

function askRenew(l) {
  const dialog = document.getElementById('renew-dialog');
  const form = document.getElementById('renew');
  document.getElementById('renew-title').textContent = t('landlord.renewTitle', { name: l.name, room: l.room });
  const until = new Date(Math.max(ms(l.leaseEnd), Date.now()) + 365 * DAY);
  form.until.value = until.toISOString().slice(0, 10);
  document.getElementById('renew-problems').replaceChildren();
  document.getElementById('renew-cancel').onclick = () => dialog.close();
  form.onsubmit = async ev => {
    ev.preventDefault();
    if (!form.until.value) {
      document.getElementById('renew-problems').replaceChildren(el('li', {}, problemText('leaseEnd', 'landlord.bad.date')));
      return;
    }
    const r = await api('POST', '/api/v1/leases/' + encodeURIComponent(l.id) + '/renewal', { leaseEnd: form.until.value });
    if (r.status !== 200) {
      document.getElementById('renew-problems').replaceChildren(...(r.data.problems || [{ text: r.data.error }]).map(p => el('li', {}, p.text)));
      return;
    }
    dialog.close();
    say('lease-result', true, t('landlord.renewed', { name: l.name, until: day(r.data.lease.leaseEnd) }) + semi()
      + t('landlord.doorAccess') + colon() + stateOf({ gateways: r.data.gateways }).text);
    loadLeases();
  };
  dialog.showModal();
  form.until.focus();
}

/** Who the door in an access row is, in words: room 301's door, the entrance, the lobby gate, or the door's id. */
function doorText(a) {
  return a.doorKind === 'room' ? t('landlord.door.room', { room: a.room }) : a.doorKind === 'entrance' ? t('landlord.door.entrance')
    : a.doorKind === 'gate' ? t('landlord.door.gate') : t('landlord.door.named', { door: a.door });
}
const KNOWN_METHODS = ['card', 'pin', 'offline-pin', 'keypad', 'remote', 'signed-pass', 'guest'];
const methodText = m => t(METHOD + (KNOWN_METHODS.includes(m) ? m : 'other'));
const KNOWN_REASONS = ['UNKNOWN_CREDENTIAL', 'UNKNOWN_TENANT', 'NOT_YET_VALID', 'EXPIRED', 'NOT_THIS_DOOR', 'WRONG_PIN',
  'KEYPAD_LOCKED', 'LOCKDOWN', 'ANTI_PASSBACK'];
const reasonText = r => t(REASON + (KNOWN_REASONS.includes(r) ? r : 'other'));

async function history(l) {
  const box = document.getElementById('history');
  const r = await api('GET', '/api/v1/leases/' + encodeURIComponent(l.id) + '/access');
  document.getElementById('history-title').textContent = t('landlord.historyOf', { name: l.name });
  document.getElementById('history-kept').textContent = r.data.historyUntil && !r.data.deleted
    ? t('landlord.endedOn', { date: day(l.ended || l.leaseEnd), kept: day(r.data.historyUntil) }) : '';
  const rows = r.data.access || [];
  document.getElementById('access').replaceChildren(...(r.status !== 200 ? [el('li', { class: 'denied' }, r.data.error)]
    : r.data.deleted ? [el('li', { class: 'muted' }, t('landlord.historyGone'))]
      : !rows.length ? [el('li', { class: 'muted' }, t('landlord.historyEmpty'))]
        : rows.map(a => el('li', { class: 'access-row ' + a.result },
          el('span', { class: 'when' }, Anju.dateTime(ms(a.ts))),
          el('span', { class: 'outcome ' + a.result }, a.result === 'granted' ? '✓ ' + t('landlord.granted')
            : '✗ ' + t('landlord.deniedBecause', { reason: reasonText(a.reason) })),
          el('span', { class: 'where' }, doorText(a) + ' · ' + (a.guest ? t('landlord.guestOf', { name: l.name }) + ' · ' : '')
            + methodText(a.method))))));
  box.classList.remove('hidden');
  box.focus();
}

function closeHistory() {
  document.getElementById('history').classList.add('hidden');
}
document.getElementById('history-close').addEventListener('click', closeHistory);

document.getElementById('register').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target, problems = [];
  if (!f.name.value.trim()) problems.push({ field: 'name', text: problemText('name', 'landlord.check.name') });
  if (!phoneOk(f.phone.value)) problems.push({ field: 'phone', text: problemText('phone', 'landlord.bad.phone') });
  const i = idProblem(f.idNumber.value); if (i) problems.push({ field: 'idNumber', text: problemText('idNumber', i.code, i.args) });
  if (!f.leaseStart.value || !f.leaseEnd.value || f.leaseEnd.value <= f.leaseStart.value) {
    problems.push({ field: 'leaseEnd', text: problemText('leaseEnd', 'landlord.check.dates') });
  }
  const list = document.getElementById('problems');
  show(list, problems, f);
  if (problems.length) { (f.querySelector('#' + problems[0].field) || f.name).focus(); return; }
  const send = f.querySelector('button[type=submit]');
  if (send.disabled) return;
  send.disabled = true;
  // one key per registration, kept until the park has answered it, so a resend cannot make a second lease
  f.dataset.key = f.dataset.key || newKey();
  let r;
  try {
    r = await api('POST', '/api/v1/leases', { building: building().id, room: f.room.value, name: f.name.value.trim(),
      phone: f.phone.value, idNumber: f.idNumber.value, cards: f.cards.value.split(/[,，]/).map(c => c.trim()).filter(Boolean),
      leaseStart: f.leaseStart.value, leaseEnd: f.leaseEnd.value, idempotencyKey: f.dataset.key });
  } finally {
    send.disabled = false;
  }
  if (r.status > 0 && r.status < 500) delete f.dataset.key;
  const box = document.getElementById('registered');
  if (r.status === 201 || r.status === 200) {
    say('registered', true, t(r.status === 201 ? 'landlord.registered' : 'landlord.registeredAgain', { name: r.data.lease.name })
      + semi() + t('landlord.doorAccess') + colon() + stateOf({ gateways: r.data.gateways }).text);
    if (r.data.tenant.invitation) showInvitation(r.data.lease.name, r.data.tenant.invitation);
    f.reset(); fillRooms(); loadLeases();
  } else {
    say('registered', false, r.data.error);
    show(list, (r.data.problems || []).map(p => ({ field: p.field, text: p.text })), f);
  }
  box.classList.remove('hidden');
});

/** Lists the problems and marks the inputs they are about. */
function show(list, problems, form) {
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  problems.forEach(p => { const input = form.querySelector('#' + p.field); if (input) input.setAttribute('aria-invalid', 'true'); });
  list.replaceChildren(...problems.map(p => el('li', {}, p.text)));
}

/** The building's registrations as CSV for the police: the landlord's password again, then the file is downloaded. */
document.getElementById('export').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target;
  const b = building();
  if (!f.password.value) { say('exported', false, problemText('password', 'landlord.exportWrongPassword')); return; }
  let res;
  try {
    res = await fetch('/api/v1/buildings/' + encodeURIComponent(b.id) + '/registrations/export', { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': Anju.locale(), Authorization: 'Bearer ' + Anju.token() },
      body: JSON.stringify({ password: f.password.value }) });
  } catch (e) {
    say('exported', false, t('app.parkOffline'));
    return;
  } finally {
    f.password.value = '';
  }
  if (res.status !== 200) {
    let data = {};
    try { data = await res.json(); } catch (e) { /* an empty body */ }
    say('exported', false, data.error || t('err.failed'));
    return;
  }
  const file = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || 'registrations.csv';
  const url = URL.createObjectURL(await res.blob());
  const link = el('a', { href: url, download: file, class: 'hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  say('exported', true, t('landlord.exported', { count: res.headers.get('X-Anju-Records'), file }));
});

Anju.signIn('landlord', load);
