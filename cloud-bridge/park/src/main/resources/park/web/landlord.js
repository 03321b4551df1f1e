const { api, el } = Anju;
let buildings = [];

/** GB 11643: 17 digits, a check character from ISO 7064 MOD 11-2, a real birth date. */
function idProblem(v) {
  const s = v.replace(/\s/g, '').toUpperCase();
  if (s.length !== 18) return 'an ID number has 18 characters, this one ' + s.length;
  if (!/^\d{17}[\dX]$/.test(s)) return 'the first 17 characters are digits, the last a digit or X';
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14), born = new Date(Date.UTC(y, m - 1, d));
  if (born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d || y < 1900 || born > new Date()) return 'the birth date in it is not possible';
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2], c = '10X98765432';
  let sum = 0; for (let i = 0; i < 17; i++) sum += (+s[i]) * w[i];
  return c[sum % 11] === s[17] ? null : 'the check digit does not match; a digit is mistyped';
}
function phoneProblem(v) {
  const s = v.replace(/[\s-]/g, '').replace(/^\+86/, '');
  return /^1[3-9]\d{9}$/.test(s) ? null : 'a mobile number has 11 digits and starts with 13 to 19';
}

function fillRooms() {
  const b = buildings.find(x => x.id === document.getElementById('building').value);
  document.getElementById('room').replaceChildren(...(b ? b.rooms : []).map(r => el('option', { value: r }, r)));
}

async function load() {
  const r = await api('GET', '/api/v1/buildings');
  buildings = r.data.buildings || [];
  const sel = document.getElementById('building');
  sel.replaceChildren(...buildings.map(b => el('option', { value: b.id }, b.name)));
  sel.onchange = () => { fillRooms(); loadLeases(); };
  fillRooms();
  loadLeases();
}

async function loadLeases() {
  const building = document.getElementById('building').value;
  const r = await api('GET', '/api/v1/leases?building=' + encodeURIComponent(building));
  const rows = document.getElementById('leases');
  rows.replaceChildren();
  // an ended lease stays listed until its gateway has applied the end: until then the door may still open
  (r.data.leases || []).filter(l => !l.ended || (l.gateways || []).some(g => !g.applied)).forEach(l => rows.append(el('tr', {},
    el('td', {}, l.room), el('td', {}, l.ended ? l.name + ' (ended)' : l.name), el('td', {}, l.idNumber), el('td', {}, l.phone),
    el('td', { class: 'gateway-state' }, (l.gateways || []).map(stateText).join('; ')),
    el('td', {}, l.ended ? '' : [el('button', { type: 'button', class: 'secondary', onclick: () => access(l) }, 'Access'), ' ',
      el('button', { type: 'button', class: 'secondary', 'data-reissue': l.id, onclick: () => reissue(l) }, 'New invitation'), ' ',
      el('button', { type: 'button', class: 'danger', onclick: () => end(l) }, 'End lease')]))));
}

const when = t => t ? new Date(t).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }) : '';
function stateText(g) {
  return g.state === 'applied' ? 'applied ' + when(g.at) : g.state === 'failing'
    ? 'failing since ' + when(g.since) + ': ' + g.detail + ' (retrying)' : 'pending since ' + when(g.since);
}
// one key per registration, kept until the park has answered it, so a resend cannot make a second lease
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');

/**
 * The renter's invitation, shown once: the code, the QR code of the link that carries it (for the
 * renter's phone camera) and a button to print just this card. The renter chooses their own password.
 */
function showInvitation(name, inv) {
  const card = document.getElementById('invitation');
  card.replaceChildren(
    el('h3', {}, 'Invitation for ' + name + ' 邀请'),
    el('div', { class: 'invitation' },
      el('img', { src: inv.qr, alt: 'QR code of the invitation link', 'data-url': inv.url }),
      el('div', {},
        el('p', {}, 'Login 账号: ', el('strong', { id: 'invitation-login' }, inv.login)),
        el('p', {}, 'Code 邀请码: ', el('code', { id: 'invitation-code' }, inv.code)),
        el('p', { class: 'muted' }, 'Valid until ' + new Date(inv.expiresAt).toLocaleString() + ', once. The renter scans it, or opens '
          + location.origin + '/tenant.html and types the code, then chooses a password. It is shown only now.'))),
    el('p', {}, el('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print 打印')));
  card.classList.remove('hidden');
}

async function reissue(l) {
  const r = await api('POST', '/api/v1/leases/' + encodeURIComponent(l.id) + '/invitation');
  const box = document.getElementById('lease-result');
  box.className = 'result ' + (r.status === 201 ? 'ok' : 'bad');
  box.textContent = r.status === 201 ? 'A new invitation for ' + l.name + '; the old one, the password and every sign-in of '
    + l.name + ' have ended' : r.data.error;
  if (r.status === 201) showInvitation(l.name, r.data.invitation);
}

function appliedText(g) {
  return g.applied ? 'gateway ' + g.gateway + ' has applied it (roster ' + g.rosterVersion + ')'
    : 'gateway ' + g.gateway + (g.state === 'failing' ? ' failed to apply it: ' + g.detail + '; the park keeps retrying'
      : ' has not applied it yet: ' + (g.detail || 'being sent'));
}

async function end(l) {
  const r = await api('DELETE', '/api/v1/leases/' + encodeURIComponent(l.id));
  const box = document.getElementById('lease-result');
  box.className = 'result ' + (r.status === 200 ? 'ok' : 'bad');
  box.textContent = r.status === 200 ? 'Lease of ' + l.name + ' ended; ' + r.data.gateways.map(appliedText).join('; ')
    : r.data.error;
  loadLeases();
}

async function access(l) {
  const r = await api('GET', '/api/v1/leases/' + encodeURIComponent(l.id) + '/access');
  document.getElementById('access').replaceChildren(...(r.data.access || []).map(a => el('tr', {},
    el('td', {}, new Date(a.ts).toLocaleString()), el('td', {}, a.payload.door),
    el('td', {}, a.type.replace('door.', '')))));
}

document.getElementById('register').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target, problems = [];
  if (!f.name.value.trim()) problems.push('name: the renter\'s name');
  const p = phoneProblem(f.phone.value); if (p) problems.push('phone: ' + p);
  const i = idProblem(f.idNumber.value); if (i) problems.push('idNumber: ' + i);
  if (!f.leaseStart.value || !f.leaseEnd.value || f.leaseEnd.value <= f.leaseStart.value) problems.push('leaseEnd: must be after the lease start');
  const list = document.getElementById('problems');
  list.replaceChildren(...problems.map(x => el('li', {}, x)));
  if (problems.length) { f.querySelector(problems[0].startsWith('idNumber') ? '#idNumber' : 'input').focus(); return; }
  const send = f.querySelector('button[type=submit]');
  if (send.disabled) return;
  send.disabled = true;
  f.dataset.key = f.dataset.key || newKey();
  let r;
  try {
    r = await api('POST', '/api/v1/leases', { building: f.building.value, room: f.room.value, name: f.name.value.trim(),
      phone: f.phone.value, idNumber: f.idNumber.value, cards: f.cards.value.split(',').map(c => c.trim()).filter(Boolean),
      leaseStart: f.leaseStart.value + 'T00:00:00Z', leaseEnd: f.leaseEnd.value + 'T00:00:00Z', idempotencyKey: f.dataset.key });
  } finally {
    send.disabled = false;
  }
  if (r.status < 500) delete f.dataset.key;
  const box = document.getElementById('registered');
  if (r.status === 201 || r.status === 200) {
    box.className = 'result ok';
    box.textContent = (r.status === 201 ? 'Registered ' : 'Already registered (sent twice) ') + r.data.lease.name + '; '
      + r.data.gateways.map(appliedText).join('; ');
    if (r.data.tenant.invitation) showInvitation(r.data.lease.name, r.data.tenant.invitation);
    f.reset(); fillRooms(); loadLeases();
  } else {
    box.className = 'result bad';
    box.textContent = r.data.error;
    list.replaceChildren(...(r.data.problems || []).map(x => el('li', {}, x)));
  }
});

Anju.signIn('landlord', load);
