// The tenant's phone page: doors and lifts, charging (a port chosen by scanning its QR label),
// guest passes, the offline PIN; and, opened from a guest's link (#guest=...), the guest's page.
// Every text from the catalog (Anju.t), every answer of the park in the page's language.
const { api, t, el } = Anju;

function show(box, cls, text) { box.className = 'result ' + cls; box.textContent = text; }

/** What the park said, for a person: its message, its refusal, or that it cannot be reached. */
function said(r) { return r.data.message || r.data.error || t('app.parkOffline'); }
function tone(r) { return r.status === 200 || r.status === 201 ? 'ok' : r.status === 202 ? 'warn' : 'bad'; }

/** A door as people know it: a room's door, the building's entrance, the lobby gate, the bike shed's gate. */
function doorName(d) {
  if (d.room) return t('tenant.door.room', { room: d.room });
  return { entrance: t('tenant.door.entrance'), gate: t('tenant.door.gate'), shed: t('tenant.door.shed') }[d.kind]
    || t('tenant.door.entrance');
}

// A port's QR label opens this page at #charge=BUILDING/PILE/PORT: kept for this tab until started,
// across the sign-in, and taken out of the address bar.
const CHOSEN = 'anju.charge';
const hash = new URLSearchParams(location.hash.slice(1));
if (hash.get('charge')) {
  const [building, pile, port] = hash.get('charge').split('/');
  if (building && pile && /^\d+$/.test(port || '')) sessionStorage.setItem(CHOSEN, JSON.stringify({ building, pile, port: Number(port) }));
  history.replaceState(null, '', location.pathname);
}
const chosen = () => JSON.parse(sessionStorage.getItem(CHOSEN) || 'null');
// a label scanned or a link opened while this page is open changes only the address's #part: read it afresh
window.addEventListener('hashchange', () => location.reload());

let building = null;
let ports = [];

async function loadDoors() {
  const r = await api('GET', '/api/v1/me/doors');
  const list = document.getElementById('doors');
  list.replaceChildren();
  (r.data.doors || []).forEach(d => {
    building = d.building;
    list.append(el('button', { class: 'big', type: 'button', 'data-door': d.door, onclick: () => open(d) },
      doorName(d) + ' · ' + d.buildingName));
  });
  (r.data.lifts || []).forEach(l => list.append(el('button', { class: 'big secondary', type: 'button', 'data-lift': l.lift,
    onclick: () => home(l) }, t('tenant.liftHome', { lift: l.lift }) + ' · ' + l.buildingName)));
  if (!list.children.length) list.append(el('p', { class: 'muted' }, r.status === 200 ? t('tenant.noLease') : said(r)));
  ports = r.data.ports || [];
  const select = document.getElementById('port-choice');
  select.replaceChildren(el('option', { value: '' }, t('tenant.charge.pickPort')),
    ...ports.map(p => el('option', { value: p.building + '/' + p.pile + '/' + p.port }, t('tenant.charge.chosen', p))));
  const c = chosen();
  if (c) select.value = c.building + '/' + c.pile + '/' + c.port;
}

async function home(l) {
  const box = document.getElementById('door-result');
  show(box, 'warn', t('tenant.enabling'));
  const r = await api('POST', '/api/v1/lifts/' + encodeURIComponent(l.building) + '/' + encodeURIComponent(l.lift) + '/home');
  show(box, tone(r), said(r));
}

async function open(d) {
  const box = document.getElementById('door-result');
  show(box, 'warn', t('tenant.opening'));
  const r = await api('POST', '/api/v1/doors/' + encodeURIComponent(d.building) + '/' + encodeURIComponent(d.door) + '/open');
  show(box, tone(r), said(r));
}

/** Starts or stops a charge at a port; the tenant's own limits go with a start. */
async function charge(port, action, limits, box) {
  show(box, 'warn', t(action === 'start' ? 'tenant.result.starting' : 'tenant.result.stopping'));
  const r = await api('POST', '/api/v1/charging/' + encodeURIComponent(port.building) + '/' + encodeURIComponent(port.pile)
    + '/' + encodeURIComponent(port.port) + '/' + action, limits && Object.keys(limits).length ? limits : undefined);
  show(box, tone(r), said(r));
  AnjuSessions.refresh();
  return r;
}

function limits(f) {
  const out = {};
  if (f.maxEnergyWh.value) out.maxEnergyWh = Number(f.maxEnergyWh.value);
  if (f.maxMinutes.value) out.maxMinutes = Number(f.maxMinutes.value);
  return out;
}

document.getElementById('charge').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target, action = ev.submitter ? ev.submitter.value : 'start';
  const box = document.getElementById('charge-result');
  if (!f.port.value) { show(box, 'bad', t('tenant.charge.pickPort')); return; }
  const [b, pile, port] = f.port.value.split('/');
  await charge({ building: b, pile, port: Number(port) }, action, action === 'start' ? limits(f) : null, box);
});

/** The port a scanned label chose: its name and a big Start, first thing on the page. */
function showChosen() {
  const c = chosen();
  const box = document.getElementById('charge-port');
  if (!c) { box.classList.add('hidden'); return; }
  document.getElementById('chosen-port').textContent = t('tenant.charge.chosen', c);
  box.classList.remove('hidden');
  document.getElementById('charge-start').focus();
}
document.getElementById('charge-start').addEventListener('click', async () => {
  const c = chosen();
  const r = await charge(c, 'start', limits(document.getElementById('charge')), document.getElementById('charge-port-result'));
  if (r.status === 200 || r.status === 202) sessionStorage.removeItem(CHOSEN);
});

// Offline PIN: RFC 6238 TOTP with HMAC-SHA256, as org.anju.bridge.access.OfflinePin describes it.
// The key is fetched while online and kept on this phone, so the code can be made with no network.
async function offlineCode(hexKey, digits, step, seconds) {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(hexKey.match(/../g).map(h => parseInt(h, 16))),
    { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const counter = new DataView(new ArrayBuffer(8));
  counter.setBigUint64(0, BigInt(Math.floor(seconds / step)));
  const h = new Uint8Array(await crypto.subtle.sign('HMAC', key, counter.buffer));
  const o = h[h.length - 1] & 0x0f;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}
// The key stays on the phone only when the tenant says it is their own, and sign-out removes it.
const OFFLINE_KEY = 'anju.offline';
const myPhone = document.getElementById('my-phone');
myPhone.checked = localStorage.getItem(OFFLINE_KEY) !== null;
myPhone.addEventListener('change', () => { if (!myPhone.checked) localStorage.removeItem(OFFLINE_KEY); });
let offlineKey = null;   // this page's copy while it is open, kept or not
document.getElementById('offline-show').addEventListener('click', async () => {
  const box = document.getElementById('offline-pin');
  const r = await api('GET', '/api/v1/me/offline-pin');
  if (r.status === 200) {
    offlineKey = r.data;
    if (myPhone.checked) localStorage.setItem(OFFLINE_KEY, JSON.stringify(r.data));
  } else if (r.status !== 0) {
    show(box, 'bad', said(r));   // the park answered: no offline PINs here, or no lease
    return;
  }
  const kept = offlineKey || JSON.parse(localStorage.getItem(OFFLINE_KEY) || 'null');
  if (!kept) { show(box, 'bad', t('tenant.offline.needOnline')); return; }
  const code = await offlineCode(kept.key, kept.digits, kept.stepSeconds, Date.now() / 1000);
  show(box, 'ok', '');
  box.append(el('span', { class: 'code' }, code + ' #'), ' ', t('tenant.offline.valid'));
  box.dataset.code = code;
});

// First sign-in: the landlord's invitation, from the QR code's link (#invite=CODE) or typed in.
const invite = document.getElementById('invite');
if (hash.get('invite')) {
  invite.code.value = hash.get('invite');
  document.getElementById('first-time').open = true;
  document.getElementById('signin').classList.add('hidden');   // a new renter: the invitation first
  history.replaceState(null, '', location.pathname);   // the code leaves the address bar and the history
}
document.getElementById('have-password').addEventListener('click', () => {
  document.getElementById('signin').classList.remove('hidden');
  document.getElementById('first-time').open = false;
});
invite.addEventListener('submit', async ev => {
  ev.preventDefault();
  const box = document.getElementById('invite-result');
  if (invite.password.value !== invite.again.value) { show(box, 'bad', t('tenant.passwordsDiffer')); return; }
  const r = await api('POST', '/api/v1/invitations/redeem', { code: invite.code.value.trim(), password: invite.password.value });
  if (r.status !== 200) { show(box, 'bad', said(r)); return; }
  Anju.signedIn(r.data);
  show(box, 'ok', t('tenant.passwordSet', { login: r.data.login }));
  sessionStorage.setItem('anju.welcome', r.data.login);
  location.reload();
});

document.getElementById('password-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target, box = document.getElementById('password-result');
  const r = await api('POST', '/api/v1/me/password', { current: f.current.value, password: f.password.value });
  if (r.status === 200) {
    Anju.signedIn(r.data);
    f.reset();
    show(box, 'ok', t('tenant.passwordChanged'));
  } else {
    show(box, 'bad', said(r));
  }
});

const windowText = p => t('tenant.guest.window', { from: Anju.dateTime(p.validFrom), until: Anju.dateTime(p.validUntil) })
  + ' · ' + t('tenant.guest.used', { used: p.used, max: p.maxUses }) + ' · ' + p.stateText;

// A guest's link: no sign-in, the pass is the link; the entrances it opens, its window and uses.
async function guestPage(link) {
  ['signin', 'first-time', 'app'].forEach(id => document.getElementById(id).classList.add('hidden'));
  const page = document.getElementById('guest');
  page.classList.remove('hidden');
  const box = document.getElementById('guest-result');
  const r = await api('GET', '/api/v1/guest/' + encodeURIComponent(link));
  if (r.status !== 200) { show(box, 'bad', said(r)); return; }
  const p = r.data;
  document.getElementById('guest-where').textContent = t('tenant.guest.youAreGuest', { building: p.buildingName });
  document.getElementById('guest-window').textContent = windowText(p);
  document.getElementById('guest-doors').replaceChildren(...p.doors.map(d => el('button', { class: 'big', type: 'button',
    'data-door': d.door, onclick: async () => {
      show(box, 'warn', t('tenant.opening'));
      const o = await api('POST', '/api/v1/guest/' + encodeURIComponent(link) + '/doors/' + encodeURIComponent(d.door) + '/open');
      show(box, tone(o), said(o));
      const again = await api('GET', '/api/v1/guest/' + encodeURIComponent(link));   // the uses left, as the gateway counted them
      if (again.status === 200) document.getElementById('guest-window').textContent = windowText(again.data);
    } }, t('tenant.guest.open', { door: doorName(d) }))));
  document.getElementById('guest-keypad').textContent = p.code ? t('tenant.guest.keypad', { code: p.code }) : '';
}

(async () => {
  await Anju.ready;
  if (hash.get('guest')) { guestPage(hash.get('guest')); return; }
  const c = chosen();
  if (c) {
    const note = document.getElementById('charge-after-signin');
    note.textContent = t('tenant.charge.chosen', c);
    note.classList.remove('hidden');
  }
  Anju.signIn('tenant', () => {
    document.getElementById('first-time').classList.add('hidden');
    document.querySelectorAll('[data-signout]').forEach(b => b.classList.remove('hidden'));
    const welcome = sessionStorage.getItem('anju.welcome');
    if (welcome) {
      show(document.getElementById('door-result'), 'ok', t('tenant.welcome', { login: welcome }));
      sessionStorage.removeItem('anju.welcome');
    }
    showChosen();
    loadDoors(); AnjuSessions.start(); AnjuPasses.start();
  }, [OFFLINE_KEY]);
})();
