// The fleet view (GET /api/v1/fleet): each building's gateway with what is wrong with it, in words,
// since when; its software, configuration, uptime, backlog, buses, devices and roster. Filters by
// village, building and problem, kept in the address so a wall screen can be set up once.
// Refreshed every 10 s; when the park cannot be reached it says so and keeps what it last showed.
(() => {
  const { api, el, t } = Anju;
  const REFRESH_MS = 10000;
  const KINDS = ['offline', 'stale', 'busDown', 'deviceOffline', 'backlog', 'roster', 'lost'];
  const selects = () => ['village', 'building', 'problem'].map(id => document.getElementById(id));
  let lastShown = 0;
  let villages = [];
  let buildings = [];
  let counts = {};
  /** Which problems' gateway words are shown, by gateway and kind: kept across refreshes. */
  const opened = new Set();

  const since = ms => t('fleet.since', { time: Anju.dateTime(ms), age: Anju.age(ms) });
  const list = items => items.join(Anju.lang() === 'zh' ? '、' : ', ');

  function option(value, text, chosen) {
    const o = el('option', { value }, text);
    if (value === chosen) o.selected = true;
    return o;
  }

  /**
   * The selects, from what the park has; the choice from the address. Left alone when nothing they
   * offer changed, so a refresh never closes a list someone has open.
   */
  let offered = '';
  function fillFilters(chosen) {
    const now = JSON.stringify([villages, buildings, counts, chosen]);
    if (now === offered) return;
    offered = now;
    const [village, building, problem] = selects();
    village.replaceChildren(option('', t('fleet.filter.all'), chosen.village), ...villages.map(v => option(v, v, chosen.village)));
    const inVillage = buildings.filter(b => !chosen.village || b.village === chosen.village);
    building.replaceChildren(option('', t('fleet.filter.all'), chosen.building),
      ...inVillage.map(b => option(b.id, b.name === b.id ? b.id : b.name + ' (' + b.id + ')', chosen.building)));
    problem.replaceChildren(option('', t('fleet.filter.all'), chosen.problem),
      ...KINDS.map(k => option(k, t('fleet.kindCount', { kind: t(`fleet.kind.${k}`), count: counts[k] || 0 }), chosen.problem)));
  }

  function chosen() {
    const p = new URLSearchParams(location.hash.slice(1));
    return { village: p.get('village') || '', building: p.get('building') || '', problem: p.get('problem') || '' };
  }

  function figures(g, now) {
    const row = (label, value, title) => [el('dt', {}, t(label)), el('dd', title ? { title } : {}, value)];
    if (g.lastReportAt === undefined) {
      return el('dl', {}, row('fleet.lastReport', t('fleet.noReport')));
    }
    const uptime = g.uptimeSeconds + (g.stale ? 0 : Math.max(0, Math.round((now - g.lastReportAt) / 1000)));
    const offline = g.devices.offline.length;
    return el('dl', {},
      row('fleet.software', g.software),
      row('fleet.config', g.config ? g.config.slice(7, 19) : t('fleet.unknown'), g.config || ''),
      row('fleet.uptime', Anju.duration(uptime)),
      row('fleet.outbox', g.outbox.waiting ? t('fleet.outboxLine', { waiting: g.outbox.waiting, time: Anju.dateTime(g.outbox.oldestAt) })
        : t('fleet.none')),
      row('fleet.buses', g.buses.length ? list(g.buses.map(b => t(b.up ? 'fleet.busUp' : 'fleet.busDown', { bus: b.id })))
        : t('fleet.none')),
      row('fleet.devices', t('fleet.devicesLine', { count: g.devices.count, offline })),
      row('fleet.roster', !g.roster ? t('fleet.unknown') : g.roster.inSync ? t('fleet.rosterInSync', { version: g.roster.confirmed })
        : t('fleet.rosterOut', { wanted: g.roster.wanted, confirmed: g.roster.confirmed })),
      row('fleet.lastReport', t('fleet.at', { time: Anju.dateTime(g.lastReportAt), age: Anju.age(g.lastReportAt) })));
  }

  /** The gateway's own words about a problem (often English, from its drivers), shown on request. */
  function words(key, detail) {
    const text = el('p', { class: 'words' }, detail);
    const button = el('button', { type: 'button', class: 'secondary words-toggle' }, t('fleet.gatewayWords'));
    const show = open => {
      text.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
    };
    button.addEventListener('click', () => {
      if (opened.has(key)) opened.delete(key); else opened.add(key);
      show(opened.has(key));
    });
    show(opened.has(key));
    return el('div', {}, button, text);
  }

  function card(g, now) {
    const troubled = g.problems.length > 0;
    const presence = g.since == null ? el('p', { class: 'presence offline' }, t('fleet.neverSeen'))
      : el('p', { class: 'presence ' + (g.online ? 'online' : 'offline') },
        (g.online ? t('fleet.online') : t('fleet.offline')) + ' · ' + since(g.since));
    const problems = troubled
      ? el('ul', { class: 'problems', 'aria-label': t('fleet.filter.problem') }, g.problems.map(p => el('li', { class: p.kind, 'data-kind': p.kind },
        el('strong', {}, p.text),
        p.since != null ? el('span', { class: 'since' }, since(p.since)) : '',
        p.detail ? words(g.gateway + '/' + p.kind + '/' + p.text, p.detail) : '')))
      : el('p', { class: 'healthy' }, t('fleet.healthy'));
    return el('li', { class: 'gw' + (troubled ? ' troubled' : '') + (g.stale ? ' stale' : ''), 'data-gateway': g.gateway },
      el('h3', {}, g.name + ' · ' + g.gateway),
      g.village ? el('p', { class: 'where' }, g.village) : '',
      presence, problems, figures(g, now));
  }

  async function load() {
    const c = chosen();
    const query = new URLSearchParams(Object.entries(c).filter(([, v]) => v)).toString();
    const r = await api('GET', '/api/v1/fleet' + (query ? '?' + query : ''));
    const updated = document.getElementById('updated');
    const summary = document.getElementById('summary');
    if (r.status === 0) {
      updated.textContent = lastShown ? t('fleet.unreachable', { time: Anju.time(lastShown) }) : r.data.error;
      updated.className = 'result bad';
      return;
    }
    if (r.status !== 200) {
      summary.textContent = r.data.error;
      summary.className = 'result bad';
      return;
    }
    const d = r.data;
    villages = d.villages;
    buildings = d.buildings;
    counts = d.totals.byProblem;
    fillFilters(c);
    lastShown = d.now;
    summary.className = '';
    summary.textContent = t('fleet.summary', { total: d.totals.gateways, withProblems: d.totals.withProblems, shown: d.totals.shown });
    updated.className = 'muted';
    updated.textContent = t('fleet.updated', { time: Anju.time(d.now) });
    const items = d.gateways.map(g => card(g, d.now));
    document.getElementById('fleet').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, t('fleet.noneShown'))]));
  }

  function start() {
    selects().forEach(s => s.addEventListener('change', () => {
      const [village, building, problem] = selects().map(x => x.value);
      // a building of another village than the one now chosen is no longer offered
      const keep = !village || buildings.some(b => b.id === building && b.village === village) ? building : '';
      location.hash = new URLSearchParams(Object.entries({ village, building: keep, problem }).filter(([, v]) => v)).toString();
    }));
    window.addEventListener('hashchange', load);
    Anju.keepAlive(10);
    setInterval(load, REFRESH_MS);
    load();
  }

  Anju.signIn(['admin', 'officer'], start);
})();
