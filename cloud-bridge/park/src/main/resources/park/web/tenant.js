const { api, t, el } = Anju;
const zh = Anju.lang() === 'zh';
document.getElementById('lang').textContent = t('language');
document.getElementById('lang').onclick = () => Anju.setLang(zh ? 'en' : 'zh');
document.getElementById('doors-title').textContent = zh ? '我的门' : 'My doors';
document.getElementById('charge-title').textContent = zh ? '我的电动车充电' : 'My e-bike';
document.getElementById('sessions-title').textContent = zh ? '我的充电记录' : 'My charges';
let building = null;

function show(box, cls, text) { box.className = 'result ' + cls; box.textContent = text; }

async function loadDoors() {
  const r = await api('GET', '/api/v1/me/doors');
  const list = document.getElementById('doors');
  list.replaceChildren();
  (r.data.doors || []).forEach(d => {
    building = d.building;
    list.append(el('button', { class: 'big', type: 'button', 'data-door': d.door, onclick: () => open(d) },
      (d.room ? (zh ? '房间 ' : 'Room ') + d.room : (zh ? '楼门 ' : 'Entrance ') + d.door) + ' · ' + d.buildingName));
  });
  (r.data.lifts || []).forEach(l => list.append(el('button', { class: 'big secondary', type: 'button', 'data-lift': l.lift,
    onclick: () => home(l) }, (zh ? '乘电梯回家 ' : 'Take me home · lift ') + l.lift + ' · ' + l.buildingName)));
  if (!list.children.length) list.append(el('p', { class: 'muted' }, zh ? '没有有效的租约' : 'No running lease'));
}

async function home(l) {
  const box = document.getElementById('door-result');
  show(box, 'warn', zh ? '正在为您开放楼层…' : 'Enabling your floor…');
  const r = await api('POST', '/api/v1/lifts/' + encodeURIComponent(l.building) + '/' + encodeURIComponent(l.lift) + '/home');
  answered(box, r, zh ? '您的楼层已开放，请按楼层按钮' : 'Your floor is enabled: press its button');
}

function answered(box, r, okText) {
  if (r.status === 200 && r.data.result === 'sent') show(box, 'ok', zh ? '已发送（此门锁无法确认已开）' : 'Sent (this lock cannot confirm it opened)');
  else if (r.status === 200) show(box, 'ok', okText);
  else if (r.data.result === 'denied') show(box, 'bad', t('denied') + ': ' + r.data.reason);
  else if (r.data.result === 'gateway-offline') show(box, 'bad', t('offline'));
  else show(box, 'bad', r.data.reason || r.data.error || t('parkOffline'));
}

async function open(d) {
  const box = document.getElementById('door-result');
  show(box, 'warn', zh ? '正在开门…' : 'Opening…');
  const r = await api('POST', '/api/v1/doors/' + encodeURIComponent(d.building) + '/' + encodeURIComponent(d.door) + '/open');
  answered(box, r, t('opened'));
}

document.getElementById('charge').addEventListener('submit', async ev => {
  ev.preventDefault();
  const f = ev.target, action = ev.submitter ? ev.submitter.value : 'start';
  const box = document.getElementById('charge-result');
  // a start may carry the tenant's own limits; the gateway stops the charge at them, within the site's
  const limits = {};
  if (action === 'start' && f.maxEnergyWh.value) limits.maxEnergyWh = Number(f.maxEnergyWh.value);
  if (action === 'start' && f.maxMinutes.value) limits.maxMinutes = Number(f.maxMinutes.value);
  const r = await api('POST', '/api/v1/charging/' + encodeURIComponent(building) + '/' + encodeURIComponent(f.pile.value.trim())
    + '/' + encodeURIComponent(f.port.value) + '/' + action, Object.keys(limits).length ? limits : undefined);
  show(box, r.status === 200 ? 'ok' : r.status === 202 ? 'warn' : 'bad', r.status < 300
    ? r.data.result + (r.data.reason ? ': ' + r.data.reason : '') : (r.data.reason || r.data.error));
  AnjuSessions.refresh();
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
document.getElementById('my-phone-label').textContent = zh ? '这是我自己的手机：在手机上保存离线钥匙'
  : 'This is my phone: keep the offline key on it';
myPhone.addEventListener('change', () => { if (!myPhone.checked) localStorage.removeItem(OFFLINE_KEY); });
let offlineKey = null;   // this page's copy while it is open, kept or not
document.getElementById('offline-show').addEventListener('click', async () => {
  const box = document.getElementById('offline-pin');
  try {
    const r = await api('GET', '/api/v1/me/offline-pin');
    if (r.status === 200) {
      offlineKey = r.data;
      if (myPhone.checked) localStorage.setItem(OFFLINE_KEY, JSON.stringify(r.data));
    }
  } catch (e) { /* offline: use the key kept from before */ }
  const kept = offlineKey || JSON.parse(localStorage.getItem(OFFLINE_KEY) || 'null');
  if (!kept) { show(box, 'bad', zh ? '请先联网打开一次本页' : 'Open this page once while online first'); return; }
  const code = await offlineCode(kept.key, kept.digits, kept.stepSeconds, Date.now() / 1000);
  show(box, 'ok', code + ' #  ' + (zh ? '（约5分钟内有效）' : '(valid for about 5 minutes)'));
  box.dataset.code = code;
});

// First sign-in: the landlord's invitation, from the QR code's link (#invite=CODE) or typed in.
const invite = document.getElementById('invite');
const fromLink = new URLSearchParams(location.hash.slice(1)).get('invite');
if (fromLink) {
  invite.code.value = fromLink;
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
  if (invite.password.value !== invite.again.value) {
    show(box, 'bad', zh ? '两次输入的密码不一样' : 'The two passwords differ');
    return;
  }
  const r = await api('POST', '/api/v1/invitations/redeem', { code: invite.code.value.trim(), password: invite.password.value });
  if (r.status !== 200) { show(box, 'bad', r.data.error || t('parkOffline')); return; }
  Anju.signedIn(r.data);
  show(box, 'ok', (zh ? '密码已设置。您的账号：' : 'Password set. Your login: ') + r.data.login);
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
    show(box, 'ok', zh ? '密码已修改；其他设备已退出登录' : 'Password changed; your other devices are signed out');
  } else {
    show(box, 'bad', r.data.error);
  }
});

Anju.signIn('tenant', () => {
  document.getElementById('first-time').classList.add('hidden');
  const welcome = sessionStorage.getItem('anju.welcome');
  if (welcome) {
    show(document.getElementById('door-result'), 'ok', (zh ? '欢迎！您的账号是 ' : 'Welcome! Your login is ') + welcome);
    sessionStorage.removeItem('anju.welcome');
  }
  loadDoors(); AnjuSessions.start();
}, [OFFLINE_KEY]);
