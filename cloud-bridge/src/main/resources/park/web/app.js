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
    if (res.status === 401 && path !== '/api/v1/login') { sessionStorage.removeItem('anju.token'); location.reload(); }
    return { status: res.status, data };
  }

  /** Shows the sign-in form until a login of the expected role succeeds, then calls ready(). */
  function signIn(role, ready) {
    const form = document.getElementById('signin');
    const app = document.getElementById('app');
    const show = () => { form.classList.add('hidden'); app.classList.remove('hidden'); ready(); };
    form.querySelector('[data-t=signIn]').textContent = t('signIn');
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
      sessionStorage.setItem('anju.token', r.data.token);
      sessionStorage.setItem('anju.role', r.data.role);
      show();
    });
    document.querySelectorAll('[data-signout]').forEach(b => b.addEventListener('click', () => {
      sessionStorage.clear(); location.reload();
    }));
  }

  function setLang(next) { localStorage.setItem('anju.lang', next); location.reload(); }
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith('on') ? e.addEventListener(k.slice(2), v)
      : k === 'class' ? (e.className = v) : e.setAttribute(k, v));
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
    return e;
  };
  return { api, signIn, t, lang: () => lang, setLang, el, token };
})();
