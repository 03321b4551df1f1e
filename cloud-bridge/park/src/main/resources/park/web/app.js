// Shared by the park's pages: the catalog and the park's time zone, the API with its token and
// language, sign in and out, formatting for people. No framework.
const Anju = (() => {
  const lang = localStorage.getItem('anju.lang') || ((navigator.language || 'zh').toLowerCase().startsWith('en') ? 'en' : 'zh');
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  let messages = {};
  let timeZone = 'Asia/Shanghai';
  const token = () => sessionStorage.getItem('anju.token');

  /** The catalog's text of a code in the page's language, {name} placeholders filled from args. */
  const t = (code, args) => {
    const entry = messages[code];
    const text = entry ? entry[lang] : code;
    return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (m, name) => (args && args[name] !== undefined ? args[name] : m));
  };

  // Every element that names a code: its text, label, placeholder or title from the catalog.
  function translate(root) {
    (root || document).querySelectorAll('[data-t]').forEach(e => { e.textContent = t(e.dataset.t); });
    (root || document).querySelectorAll('[data-t-label]').forEach(e => e.setAttribute('aria-label', t(e.dataset.tLabel)));
    (root || document).querySelectorAll('[data-t-placeholder]').forEach(e => e.setAttribute('placeholder', t(e.dataset.tPlaceholder)));
    (root || document).querySelectorAll('[data-t-title]').forEach(e => e.setAttribute('title', t(e.dataset.tTitle)));
  }

  // the pages load this script in their head: the page's texts are all there once it is parsed
  const parsed = new Promise(done => (document.readyState === 'loading'
    ? document.addEventListener('DOMContentLoaded', done, { once: true }) : done()));

  /** Resolves when the catalog and the park's time zone are here and the page's fixed texts are in its language. */
  const ready = (async () => {
    document.documentElement.lang = locale;
    const [m, p] = await Promise.all([fetch('/messages.json').then(r => r.json()),
      fetch('/api/v1/park').then(r => r.json()).catch(() => ({})), parsed]);
    messages = m;
    if (p.timeZone) timeZone = p.timeZone;
    translate();
    document.querySelectorAll('[data-lang]').forEach(b => b.addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh')));
  })();

  /**
   * The API in the page's language. Never throws: a park that cannot be reached answers
   * {status: 0, data: {error}} so every caller can say that nothing was sent.
   */
  async function api(method, path, body) {
    let res;
    try {
      res = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'Accept-Language': locale,
        ...(token() ? { Authorization: 'Bearer ' + token() } : {}) }, body: body ? JSON.stringify(body) : undefined });
    } catch (e) {
      return { status: 0, data: { code: 'app.parkOffline', error: t('app.parkOffline') } };
    }
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
   * role: one role, or a list of the roles the page is for (the first names them in a refusal);
   * forget: localStorage keys the sign-out button removes from this device.
   */
  async function signIn(role, started, forget) {
    const roles = [].concat(role);
    role = roles[0];
    await ready;
    const form = document.getElementById('signin');
    const app = document.getElementById('app');
    const show = () => { form.classList.add('hidden'); app.classList.remove('hidden'); started(); };
    document.querySelectorAll('[data-signout]').forEach(b => b.addEventListener('click', () => signOut(forget)));
    if (token() && roles.includes(sessionStorage.getItem('anju.role'))) { show(); return; }
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const r = await api('POST', '/api/v1/login', { login: form.login.value.trim(), password: form.password.value });
      const out = form.querySelector('.result');
      if (r.status !== 200 || !roles.includes(r.data.role)) {
        out.textContent = r.status === 200 ? t('app.pageForRole', { role: t('role.' + role) })
          : r.status === 401 ? t('app.wrongLogin') : r.data.error;
        out.className = 'result bad';
        return;
      }
      signedIn(r.data);
      show();
    });
  }

  function setLang(next) { localStorage.setItem('anju.lang', next); location.reload(); }

  // Times as people here read them: 24-hour, in the park's time zone, whatever the device's zone.
  const format = options => new Intl.DateTimeFormat(locale, { timeZone, hourCycle: 'h23', ...options });
  const time = ms => format({ hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(ms));
  const dateTime = ms => format({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
  const date = ms => format({ year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
  /** How long ago, in words: "3 分钟前", "3 minutes ago". */
  const age = ms => {
    const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
    const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return s < 60 ? rtf.format(-s, 'second') : s < 3600 ? rtf.format(-Math.floor(s / 60), 'minute')
      : s < 86400 ? rtf.format(-Math.floor(s / 3600), 'hour') : rtf.format(-Math.floor(s / 86400), 'day');
  };
  /** A duration in words, its largest fitting unit: "3 分钟", "3 minutes", "2 天". */
  const duration = seconds => {
    const s = Math.max(0, Math.round(seconds));
    const [n, unit] = s < 120 ? [s, 'second'] : s < 7200 ? [Math.round(s / 60), 'minute'] : s < 172800
      ? [Math.round(s / 3600), 'hour'] : [Math.round(s / 86400), 'day'];
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  };
  // Numbers rounded for people: °C to 0.1, W to 1, kWh to 0.01, V to 1.
  // one formatter per precision: a console formats thousands of numbers a second
  const formats = {};
  const num = (v, digits) => (formats[digits] = formats[digits]
    || new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits })).format(v);
  const watts = v => num(v, 0) + ' W';
  const celsius = v => num(v, 1) + ' °C';
  const kwh = v => num(v, 2) + ' kWh';
  const volts = v => num(v, 0) + ' V';

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => k.startsWith('on') ? e.addEventListener(k.slice(2), v)
      : k === 'class' ? (e.className = v) : e.setAttribute(k, v));
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
    return e;
  };
  // The page head's buttons and the sign-in form are the same on every page, so their markup is here
  // once and each page declares where they go: <header data-page-head> keeps the page's own title (and
  // whatever else is its own; a .header-actions of its own gets the buttons after its items);
  // <form id="signin" data-signin> keeps its own attributes, and its own children (a note for the person
  // signing in) go under the heading. Each is drawn as soon as the parser has closed it, from a mutation
  // observer, whose callback runs before the browser can paint: the first paint has them, in Chinese as the
  // pages were written (this script is in the page's head, so it is here before anything shows); ready puts
  // them in the page's language.
  // data-page-head="open": the page is also used without signing in (a guest's pass), sign-out shows once
  // signed in; "public": nobody signs in here, no sign-out. Constant markup: nothing is interpolated.
  const LANGUAGE = '<button type="button" class="secondary" data-lang data-t="app.language" data-t-title="app.languageName">English</button>';
  const SIGN_OUT = '<button type="button" data-signout data-t="app.signOut">退出登录</button>';
  const SIGN_IN = '<section><h2 data-t="app.signIn">登录</h2>'
    + '<label for="login" data-t="app.login">账号</label><input id="login" name="login" autocomplete="username" required>'
    + '<label for="password" data-t="app.password">密码</label>'
    + '<input id="password" name="password" type="password" autocomplete="current-password" required>'
    + '<p><button type="submit" data-t="app.signIn">登录</button></p>'
    + '<div class="result" role="status" aria-live="polite"></div></section>';
  function drawHead(head) {
    const kind = head.dataset.pageHead;
    const actions = head.querySelector('.header-actions') || head.appendChild(el('span', { class: 'header-actions' }));
    actions.insertAdjacentHTML('beforeend', LANGUAGE + (kind === 'public' ? '' : SIGN_OUT));
    if (kind === 'open') actions.querySelector('[data-signout]').classList.add('hidden');
  }
  function drawSignIn(form) {
    const own = [...form.children];
    form.insertAdjacentHTML('afterbegin', SIGN_IN);
    form.querySelector('h2').after(...own);
  }
  const drawn = new WeakSet();
  // the parser has closed an element once anything after it is there (or the whole page is parsed)
  const closed = e => e.nextSibling !== null || document.readyState !== 'loading';
  function drawShared() {
    document.querySelectorAll('header[data-page-head], form[data-signin]').forEach(e => {
      if (drawn.has(e) || !closed(e)) return;
      drawn.add(e);
      if (e.matches('header')) drawHead(e); else drawSignIn(e);
    });
  }
  const parsing = new MutationObserver(drawShared);
  parsing.observe(document, { childList: true, subtree: true });
  parsed.then(() => { parsing.disconnect(); drawShared(); });
  drawShared();

  return { api, ready, signIn, signOut, signedIn, keepAlive, t, translate, lang: () => lang, locale: () => locale, setLang,
    el, token, time, dateTime, date, age, duration, num, watts, celsius, kwh, volts, timeZone: () => timeZone };
})();
