// Shared by the park's pages: the API with its token, sign in, two languages. No framework.
const Anju = (() => {
  const texts = {
    en: { signIn: 'Sign in', login: 'Login', password: 'Password', signOut: 'Sign out', wrong: 'Wrong login or password',
      offline: 'The building\'s gateway is offline; try again soon', parkOffline: 'The park service is offline',
      opened: 'Opened', denied: 'Denied', language: '中文' },
    zh: { signIn: '登录', login: '账号', password: '密码', signOut: '退出', wrong: '账号或密码错误',
      offline: '楼栋网关离线，请稍后再试', parkOffline: '园区服务离线', opened: '已开门', denied: '拒绝', language: 'English' }
  };
  const lang = localStorage.getItem('anju.lang') || ((navigator.language || 'zh').startsWith('zh') ? 'zh' : 'en');
  const t = key => (texts[lang] && texts[lang][key]) || texts.en[key] || key;
  const token = () => sessionStorage.getItem('anju.token');

  async function api(method, path, body) {
    const res = await fetch(path, { method, headers: { 'Content-Type': 'application/json',
      ...(token() ? { Authorization: 'Bearer ' + token() } : {}) }, body: body ? JSON.stringify(body) : undefined });
    let data = {};
    try { data = await res.json(); } catch (e) { /* an empty body */ }
    if (res.status === 401 && !path.startsWith('/api/v1/login') && !path.startsWith('/api/v1/invitations/')) {
      sessionStorage.removeItem('anju.token'); location.reload();
    }
    return { status: res.status, data };
  }

  /** Ends this session at the park (the token stops working everywhere), then forgets it and what the page kept. */
  async function signOut(forget) {
    try { if (token()) await api('POST', '/api/v1/logout'); } catch (e) { /* offline: the token expires on its own */ }
    (forget || []).forEach(k => localStorage.removeItem(k));
    sessionStorage.clear();
    location.reload();
  }

  /** Keeps a session that expires when idle alive while the page is open and shown (the console on a wall). */
  function keepAlive(minutes) {
    setInterval(() => { if (token() && document.visibilityState === 'visible') api('GET', '/api/v1/me'); }, minutes * 60000);
  }

  function signedIn(data) {
    sessionStorage.setItem('anju.token', data.token);
    sessionStorage.setItem('anju.role', data.role);
  }

  /**
   * Shows the sign-in form until a login of the expected role succeeds, then calls ready();
   * forget: localStorage keys the sign-out button removes from this device.
   */
  function signIn(role, ready, forget) {
    const form = document.getElementById('signin');
    const app = document.getElementById('app');
    const show = () => { form.classList.add('hidden'); app.classList.remove('hidden'); ready(); };
    form.querySelector('[data-t=signIn]').textContent = t('signIn');
    document.querySelectorAll('[data-signout]').forEach(b => b.addEventListener('click', () => signOut(forget)));
    if (token() && sessionStorage.getItem('anju.role') === role) { show(); return; }
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api('POST', '/api/v1/login', { login: form.login.value.trim(), password: form.password.value });
      const out = form.querySelector('.result');
      if (r.status !== 200 || r.data.role !== role) {
        out.textContent = r.status === 200 ? 'This page is for ' + role + 's' : t('wrong');
        out.className = 'result bad';
        return;
      }
      signedIn(r.data);
      show();
    });
  }

  function setLang(next) { localStorage.setItem('anju.lang', next); location.reload(); }
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith('on') ? e.addEventListener(k.slice(2), v)
      : k === 'class' ? (e.className = v) : e.setAttribute(k, v));
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
    return e;
  };
  return { api, signIn, signOut, signedIn, keepAlive, t, lang: () => lang, setLang, el, token };
})();
