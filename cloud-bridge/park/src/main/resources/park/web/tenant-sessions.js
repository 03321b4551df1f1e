// The tenant's own charging sessions, live: energy, power and time of each, the running ones
// refreshed every few seconds while the page is shown. Self-contained: needs Anju (app.js) and a
// <ul id="sessions">; the page calls AnjuSessions.start() once signed in, refresh() after a start or stop.
const AnjuSessions = (() => {
  const { api, el } = Anju;
  const zh = Anju.lang() === 'zh';
  const EVERY_MS = 5000;
  let timer = null;

  const duration = s => (s >= 3600 ? Math.floor(s / 3600) + (zh ? ' 小时 ' : ' h ') : '')
    + Math.floor((s % 3600) / 60) + (zh ? ' 分' : ' min');
  const ended = s => (zh ? '已结束 ' : 'ended ') + (s.endReason || '') + (s.endedBy ? ' (' + s.endedBy + ')' : '');
  // the limits the tenant chose, as the gateway enforces them
  const limits = s => [s.maxEnergyWh ? (zh ? '充到 ' : 'stops at ') + s.maxEnergyWh + ' Wh' : null,
    s.maxMinutes ? (zh ? '最长 ' : 'at most ') + duration(s.maxMinutes * 60) : null].filter(x => x).map(x => ' · ' + x).join('');

  async function refresh() {
    const r = await api('GET', '/api/v1/me/charging');
    if (r.status !== 200) return;
    const list = document.getElementById('sessions');
    list.replaceChildren(...(r.data.sessions || []).map(s => el('li', { 'data-session': s.sessionId, class: s.open ? 'open' : '' },
      el('strong', {}, s.pile + ' / ' + s.port), ' · ',
      el('span', {}, s.open ? (zh ? '充电中' : 'charging') + (s.state ? ' (' + s.state + ')' : '') : ended(s)),
      el('div', {}, el('span', { 'data-energy': '' }, s.energyWh + ' Wh'), ' · ',
        el('span', { 'data-power': '' }, s.open && s.powerW !== undefined ? s.powerW + ' W' : '–'), ' · ',
        el('span', { 'data-time': '' }, duration(s.seconds))),
      el('div', { class: 'muted' }, (zh ? '开始于 ' : 'started ') + new Date(s.startedAt).toLocaleString() + limits(s)))));
    if (!list.children.length) list.append(el('li', { class: 'muted' }, zh ? '还没有充电记录' : 'No charging yet'));
  }

  function start() {
    refresh();
    if (timer === null) {
      timer = setInterval(() => { if (!document.hidden) refresh(); }, EVERY_MS);
    }
  }

  return { start, refresh };
})();
