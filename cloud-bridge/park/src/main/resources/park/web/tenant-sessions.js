// The tenant's own charging sessions, live: energy (kWh to 0.01), power (W), time and state of each,
// refreshed every few seconds while the page is shown, patched in place (focus stays where it is).
// When a charge this page saw running ends, the tenant is told: full, or cut and why (and by the
// browser's notification where the tenant allowed it). Needs Anju (app.js), a <ul id="sessions">
// and a <div id="told">; the page calls AnjuSessions.start() once signed in, refresh() after a start or stop.
const AnjuSessions = (() => {
  const { api, el, t } = Anju;
  const EVERY_MS = 5000;
  let timer = null;
  const running = new Set();   // sessions seen open: their end is news
  let first = true;

  const duration = s => s >= 3600 ? t('tenant.sessions.duration', { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) })
    : t('tenant.sessions.minutes', { minutes: Math.floor(s / 60) });
  const reason = r => (r ? t(endCode(r)) : t('tenant.end.other'));
  const END = 'tenant.end.';
  const endCode = r => END + (/^[A-Z_]+$/.test(r) && t(END + r) !== END + r ? r : 'other');
  const where = s => t('tenant.charge.chosen', { pile: s.pile, port: s.port });
  const limits = s => [s.maxEnergyWh ? t('tenant.sessions.stopsAt', { energy: Anju.kwh(s.maxEnergyWh / 1000) }) : null,
    s.maxMinutes ? t('tenant.sessions.atMost', { minutes: s.maxMinutes }) : null].filter(x => x).map(x => ' · ' + x).join('');
  const state = s => (s.open ? t('tenant.sessions.charging') : t('tenant.sessions.ended', { reason: reason(s.endReason) }));

  function row(s) {
    return el('li', { 'data-session': s.sessionId },
      el('strong', { 'data-where': '' }), ' · ', el('span', { 'data-state': '' }),
      el('div', { class: 'figures' }, el('span', { 'data-energy': '' }), el('span', { 'data-power': '' }), el('span', { 'data-time': '' })),
      el('div', { class: 'muted', 'data-started': '' }));
  }

  /** Sets a text only when it changed, so a screen reader and the layout are left alone otherwise. */
  const put = (e, text) => { if (e.textContent !== text) e.textContent = text; };

  function patch(li, s) {
    li.className = s.open ? 'open' : 'ended ' + (s.endReason || '');
    put(li.querySelector('[data-where]'), where(s));
    put(li.querySelector('[data-state]'), state(s));
    put(li.querySelector('[data-energy]'), Anju.kwh((s.energyWh || 0) / 1000));
    put(li.querySelector('[data-power]'), s.open && s.powerW !== undefined && s.powerW !== null ? Anju.watts(s.powerW) : t('tenant.sessions.noPower'));
    put(li.querySelector('[data-time]'), duration(s.seconds));
    put(li.querySelector('[data-started]'), t('tenant.sessions.startedAt', { time: Anju.dateTime(Date.parse(s.startedAt)) }) + limits(s));
  }

  /** A charge this page saw running has ended: full, or cut and why. */
  function tell(s) {
    const text = s.endReason === 'FULL' ? t('tenant.told.full', { port: where(s) })
      : s.endReason === 'SESSION_LIMIT' ? t('tenant.told.limit', { port: where(s) })
      : s.endReason === 'REMOTE_STOP' ? t('tenant.told.stopped', { port: where(s) })
      : t('tenant.told.cut', { port: where(s), reason: reason(s.endReason) });
    const box = document.getElementById('told');
    box.className = 'result ' + (s.endReason === 'FULL' || s.endReason === 'REMOTE_STOP' || s.endReason === 'SESSION_LIMIT' ? 'ok' : 'bad');
    box.textContent = text;
    box.dataset.ended = s.endReason || '';
    if (window.Notification && Notification.permission === 'granted' && document.hidden) new Notification(text);
  }

  async function refresh() {
    const r = await api('GET', '/api/v1/me/charging');
    if (r.status !== 200) return;
    const list = document.getElementById('sessions');
    const sessions = r.data.sessions || [];
    const keep = new Map([...list.querySelectorAll('li[data-session]')].map(li => [li.dataset.session, li]));
    list.querySelectorAll('li.none').forEach(li => li.remove());
    sessions.forEach((s, i) => {
      const li = keep.get(s.sessionId) || row(s);
      keep.delete(s.sessionId);
      patch(li, s);
      if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
      if (s.open) running.add(s.sessionId);
      else if (running.delete(s.sessionId) && !first) tell(s);
    });
    keep.forEach(li => li.remove());
    if (!sessions.length) list.append(el('li', { class: 'muted none' }, t('tenant.sessions.none')));
    first = false;
  }

  function start() {
    refresh();
    if (timer === null) {
      // while a charge runs, also in the background: its end is what the tenant waits to be told
      timer = setInterval(() => { if (!document.hidden || running.size) refresh(); }, EVERY_MS);
    }
    // told when a charge ends while the phone is in a pocket: ask once, when a charge is started from here
    document.getElementById('charge-start').addEventListener('click', () => {
      if (window.Notification && Notification.permission === 'default') Notification.requestPermission();
    });
  }

  return { start, refresh };
})();
