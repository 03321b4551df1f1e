// The fire safety console: alarms first, the park's overview, every port as a tile; live from the
// park's stream, patched in place so focus and scroll stay where the officer left them.
const { api, el, t } = Anju;
const V = ConsoleView;
const ports = new Map();   // gateway|pile|port -> port as GET /api/v1/ports gives it
const alarms = new Map();  // gateway|id -> alarm as GET /api/v1/alarms gives it
let areas = [];
let portsNext = null;
let portsTotal = 0;
const $ = id => document.getElementById(id);
const filter = () => $('port-filter');
const areaOfPile = (gateway, pile) => areas.find(x => x.gateway === gateway && x.piles.includes(pile));
const buildingOf = gateway => (areas.find(x => x.gateway === gateway) || {}).building || gateway;

// ---- the banner: the park or a gateway unreachable, in words and at 4.5:1 or better ----
let parkDown = false;
function banner() {
  const stale = [...new Set([...ports.values()].filter(p => p.stale).map(p => buildingOf(p.gateway)))];
  const box = $('banner');
  const text = parkDown ? t('console.parkUnreachable') : stale.length ? t('console.gatewaysOffline', { gateways: stale.join(', ') }) : '';
  box.classList.toggle('hidden', !text);
  box.classList.toggle('gateway', !parkDown && !!text);
  if (box.textContent !== text) box.textContent = text;
}
function parkReached(r) {
  const down = r.status === 0;
  if (down !== parkDown) { parkDown = down; banner(); }
  return r;
}
const call = async (method, path, body) => parkReached(await api(method, path, body));
// while the park is out of reach, ask it every few seconds: the banner goes when it answers
setInterval(() => { if (parkDown) call('GET', '/api/v1/park'); }, 3000);

// ---- what the officer did, and what came of it ----
function show(cls, text) {
  const box = $('action-result');
  box.className = 'result ' + cls;
  box.textContent = text;
}
/** An answer from an officer's route: its catalog text; a park that cannot be reached says nothing was sent. */
function answered(r) {
  show(r.status === 200 ? 'ok' : r.status === 202 ? 'warn' : 'bad', r.data.text || r.data.error || t('err.failed'));
}

// ---- confirmation, naming what will be switched off or on ----
function confirmed(text, okCode) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = t(okCode);
  return new Promise(resolve => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
  });
}

// a cut answered 202 is pending until its command.completed arrives on the live stream
const cuts = new Map();     // requestId -> what was cut
const settled = new Map();  // requestId -> a completion that came before the 202 did
async function command(path, what) {
  const r = await call('POST', path);
  answered(r);
  if (r.status === 202 && r.data.requestId) {
    cuts.set(r.data.requestId, what);
    if (settled.has(r.data.requestId)) completed(settled.get(r.data.requestId));
  }
  return r;
}
function completed(c) {
  const what = cuts.get(c.requestId);
  if (!what) { settled.set(c.requestId, c); return; }
  cuts.delete(c.requestId);
  show(c.result === 'FAILED' ? 'bad' : 'ok', c.result === 'FAILED' ? t('console.completedFailed', { what })
    : t('console.completedOk', { what, time: Anju.time(c.completedAt) }));
}

async function cutPort(a) {
  const p = ports.get(a.gateway + '|' + a.pile + '|' + a.port) || { pile: a.pile, port: a.port, powerW: 0 };
  if (!await confirmed(V.confirmCutPort(a.building, p), 'console.doCut')) return;
  command('/api/v1/ports/' + [a.building, a.pile, a.port].map(encodeURIComponent).join('/') + '/cut', a.pile + ' #' + a.port);
}
const portsOfArea = area => [...ports.values()].filter(p => p.gateway === area.gateway && area.piles.includes(p.pile));
async function cutArea(area) {
  if (!await confirmed(V.confirmCutArea(area.building, area.area, portsOfArea(area)), 'console.doCut')) return;
  command('/api/v1/areas/' + encodeURIComponent(area.building) + '/' + encodeURIComponent(area.area) + '/cut', area.area);
}
async function restoreArea(area) {
  if (!await confirmed(V.confirmRestore(area.building, area.area, portsOfArea(area).filter(p => p.hold)), 'console.doRestore')) return;
  command('/api/v1/areas/' + encodeURIComponent(area.building) + '/' + encodeURIComponent(area.area) + '/restore', area.area);
}
async function acknowledge(a) {
  const r = await call('POST', '/api/v1/alarms/acknowledge', { gateway: a.gateway, alarm: a.id });
  answered(r);
}

// ---- alarms: one element per alarm, patched; one spoken line per new alarm ----
let known = false;   // the first load is not news
function alarmArea(a) {
  return areas.find(x => x.gateway === a.gateway && (x.area === a.area || (a.pile && x.piles.includes(a.pile))));
}
function alarmElement(a) {
  const area = alarmArea(a);
  const item = el('div', { class: 'alarm', 'data-alarm': a.gateway + '|' + a.id },
    el('div', { class: 'a-title' }), el('div', { class: 'a-raised' }), el('div', { class: 'a-reading' }),
    el('div', { class: 'a-ack' }), el('div', { class: 'a-buttons' }));
  const buttons = item.querySelector('.a-buttons');
  buttons.append(el('button', { type: 'button', class: 'ack', onclick: () => acknowledge(alarms.get(a.gateway + '|' + a.id)) }, t('console.acknowledge')));
  if (a.pile && a.port) buttons.append(el('button', { type: 'button', class: 'danger cut-port', onclick: () => cutPort(a) },
    t('console.cutPort', { pile: a.pile, port: a.port })));
  if (area) {
    buttons.append(el('button', { type: 'button', class: 'danger cut-area', onclick: () => cutArea(area) }, t('console.cutArea', { area: area.area })));
    buttons.append(el('button', { type: 'button', class: 'secondary restore-area', onclick: () => restoreArea(area) },
      t('console.restoreArea', { area: area.area })));
  }
  return item;
}
function patchAlarm(item, a) {
  const v = V.alarm(a);
  const set = (sel, text) => { const e = item.querySelector(sel); if (e.textContent !== text) e.textContent = text; };
  set('.a-title', v.title);
  set('.a-raised', v.raised);
  set('.a-reading', v.reading);
  set('.a-ack', v.ack);
  item.className = 'alarm ' + a.severity + ' ' + a.state + (v.urgent ? ' flash' : '');
  item.querySelector('.ack').classList.toggle('hidden', a.state !== 'RAISED');
}
function renderAlarms() {
  const box = $('alarms');
  const open = V.orderAlarms([...alarms.values()].filter(a => a.state !== 'CLEARED'));
  // an alarm's id is its gateway's: two gateways' overloads of pile-2/4 at one time are two alarms
  const wanted = new Set(open.map(a => a.gateway + '|' + a.id));
  const shown = new Map();
  [...box.children].forEach(c => { if (wanted.has(c.dataset.alarm)) shown.set(c.dataset.alarm, c); else c.remove(); });
  let before = box.firstElementChild;
  for (const a of open) {
    let item = shown.get(a.gateway + '|' + a.id);
    if (!item) item = alarmElement(a);
    patchAlarm(item, a);
    if (item !== before) box.insertBefore(item, before); else before = before.nextElementSibling;
  }
  $('no-alarm').classList.toggle('hidden', open.length > 0);
  Siren.update(open.some(a => V.alarm(a).urgent));
}
const names = new Map();   // account id -> display name, as the park's answers gave them
// an alarm only moves on: a recent one is sent at once and again in its place among the news, so a copy may come
// after a later state (raised after cleared) and is then not shown
const STAGE = { RAISED: 0, ACKNOWLEDGED: 1, CLEARED: 2 };
function alarmArrived(a) {
  const k = a.gateway + '|' + a.id;
  const had = alarms.get(k);
  if (had && (STAGE[had.state] ?? 0) > (STAGE[a.state] ?? 0)) return;
  if (a.acknowledgedBy && !a.acknowledgedByName) {
    a.acknowledgedByName = names.get(a.acknowledgedBy) || (alarms.get(k) || {}).acknowledgedByName;
    if (!a.acknowledgedByName) setTimeout(loadAlarms, 500);   // the park names them
  }
  const isNew = !alarms.has(k) && a.state !== 'CLEARED';
  alarms.set(k, a);
  renderAlarms();
  if (isNew && known) {
    const line = el('p', {}, V.alarm(a).announce);
    const box = $('announce');
    box.append(line);
    while (box.children.length > 5) box.firstElementChild.remove();
    if ((a.severity === 'FIRE' || a.severity === 'CRITICAL')) Siren.notify(V.alarm(a).announce);
  }
}
// ages move on by themselves
setInterval(() => alarms.size && renderAlarms(), 15000);

// ---- the siren: a generated tone and a flash until someone acknowledges; a notification where allowed ----
const Siren = (() => {
  let audio = null;
  let timer = null;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === 'suspended') audio.resume();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.setValueAtTime(880, audio.currentTime);
      osc.frequency.setValueAtTime(660, audio.currentTime + 0.25);
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.5);
      document.body.dataset.beeps = String(Number(document.body.dataset.beeps || 0) + 1);
    } catch (e) { /* no audio device: the flash and the notification still show */ }
  }
  function update(on) {
    document.body.dataset.sounding = String(on);
    if (on && !timer) { beep(); timer = setInterval(beep, 1500); }
    if (!on && timer) { clearInterval(timer); timer = null; }
  }
  function notify(text) {
    if (!('Notification' in window)) return;
    if (Notification.permission === 'granted') new Notification(t('console.notifyTitle'), { body: text, requireInteraction: true });
  }
  // a browser lets a page play sound and ask for notifications after a person acted on it
  document.addEventListener('click', () => {
    if (audio && audio.state === 'suspended') audio.resume();
    if ('Notification' in window && Notification.permission === 'default') Notification.requestPermission();
  }, { once: true });
  return { update, notify };
})();

// ---- port tiles: one group per pile, one button per port, patched in place ----
const portShown = p => (!filter().building.value || p.building === filter().building.value || buildingOf(p.gateway) === filter().building.value)
  && (!filter().state.value || p.state === filter().state.value);
function tileElement(p) {
  return el('button', { type: 'button', 'data-port': V.key(p), onclick: () => chart(ports.get(V.key(p))) },
    el('span', { class: 't-state' }), el('span', { class: 't-power' }), el('span', { class: 't-temp' }),
    el('span', { class: 't-held' }), el('span', { class: 't-when' }), el('span', { class: 't-stale' }));
}
function patchTile(b, p) {
  const v = V.tile(p);
  const set = (sel, text, cls) => {
    const e = b.querySelector(sel);
    if (e.textContent !== text) e.textContent = text;
    if (cls !== undefined && e.className !== cls) e.className = cls;
    e.classList.toggle('hidden', !text);
  };
  set('.t-state', v.state, 't-state');
  set('.t-power', v.power, 't-power');
  set('.t-temp', v.temp, 't-temp ' + v.tempClass);
  set('.t-held', v.held, 't-held');
  set('.t-when', v.heldWhen, 't-when');
  set('.t-stale', v.stale, 't-stale');
  if (b.className !== v.classes) b.className = v.classes;
}
// Live readings are many: each marks its tile, and one frame later the marked tiles are patched; the
// whole grid is walked only when a tile comes or goes or a pile's order may change.
const dirty = new Set();
let whole = false;
let frame = null;
function portChanged(k, structural) {
  dirty.add(k);
  whole = whole || structural;
  if (!frame) frame = requestAnimationFrame(flush);
}
function flush() {
  frame = null;
  if (whole) { whole = false; dirty.clear(); renderPorts(); return; }
  const piles = new Set();
  dirty.forEach(k => {
    const p = ports.get(k);
    const b = p && document.querySelector('#piles button[data-port="' + CSS.escape(k) + '"]');
    if (b) { patchTile(b, p); piles.add(V.pileKey(p)); }
  });
  dirty.clear();
  let reorder = false;
  piles.forEach(k => {
    const group = document.querySelector('#piles [data-pile="' + CSS.escape(k) + '"]');
    const info = V.pileInfo([...ports.values()].filter(p => V.pileKey(p) === k));
    reorder = reorder || !group || group.dataset.order !== order(info);
  });
  if (reorder) renderPorts();
}
/** What decides a pile's place and its flags: heating with no load (and how hot), hot, stale. */
const order = info => (info.heatingNoLoad ? 'n' + Math.round(info.hottest * 10) : '')
  + ((info.hottest ?? 0) >= V.HOT_C ? 'h' + Math.round(info.hottest) : '') + (info.stale ? 's' : '');

function renderPorts() {
  const box = $('piles');
  const focused = document.activeElement;
  const byPile = new Map();
  [...ports.values()].forEach(p => {
    const k = V.pileKey(p);
    if (!byPile.has(k)) byPile.set(k, []);
    byPile.get(k).push(p);
  });
  const piles = V.orderPiles([...byPile.entries()].map(([k, list]) => ({ k, list, info: V.pileInfo(list),
    name: buildingOf(list[0].gateway) + ' · ' + list[0].pile })));
  const wanted = new Set(piles.map(x => x.k));
  [...box.children].forEach(c => { if (!wanted.has(c.dataset.pile)) c.remove(); });
  let before = box.firstElementChild;
  for (const pile of piles) {
    let group = [...box.children].find(c => c.dataset.pile === pile.k);
    if (!group) {
      group = el('div', { class: 'pile', 'data-pile': pile.k }, el('h3', {}, el('span', { class: 'p-name' }),
        el('span', { class: 'flag hidden' }), el('span', { class: 'flag stale hidden' })), el('div', { class: 'grid' }));
    }
    const name = group.querySelector('.p-name');
    if (name.textContent !== pile.name) name.textContent = pile.name;
    group.dataset.order = order(pile.info);
    const [heat, stale] = group.querySelectorAll('.flag');
    heat.textContent = pile.info.heatingNoLoad ? t('console.heatingNoLoad') + ' · ' + Anju.celsius(pile.info.hottest) : '';
    heat.classList.toggle('hidden', !pile.info.heatingNoLoad);
    stale.textContent = t('console.stale');
    stale.classList.toggle('hidden', !pile.info.stale);
    const grid = group.querySelector('.grid');
    const list = pile.list.sort((a, b) => a.port - b.port);
    const keys = new Set(list.map(V.key));
    [...grid.children].forEach(c => { if (!keys.has(c.dataset.port)) c.remove(); });
    let at = grid.firstElementChild;
    for (const p of list) {
      let b = [...grid.children].find(c => c.dataset.port === V.key(p));
      if (!b) b = tileElement(p);
      patchTile(b, p);
      if (b !== at) grid.insertBefore(b, at); else at = at.nextElementSibling;
    }
    if (group !== before) box.insertBefore(group, before); else before = before.nextElementSibling;
  }
  // moving a group moves the focus out of it in some browsers: give it back where it was
  if (focused && focused !== document.activeElement && box.contains(focused)) focused.focus({ preventScroll: true });
  $('ports-count').textContent = t('console.portsCount', { shown: ports.size, total: Math.max(portsTotal, ports.size) });
  banner();
}

async function loadPorts(more) {
  const q = new URLSearchParams({ limit: '500' });
  if (filter().building.value) q.set('building', filter().building.value);
  if (filter().state.value) q.set('state', filter().state.value);
  if (more && portsNext) q.set('after', portsNext);
  const r = await call('GET', '/api/v1/ports?' + q);
  if (r.status !== 200) return;
  if (!more) ports.clear();
  (r.data.ports || []).forEach(x => {
    ports.set(V.key(x), x);
    if (x.hold && x.hold.byName) names.set(x.hold.by, x.hold.byName);
  });
  portsNext = r.data.next || null;
  portsTotal = r.data.total ?? ports.size;
  $('ports-more').classList.toggle('hidden', !portsNext);
  renderPorts();
}

// ---- a port's chart; on a phone it scrolls into view ----
let plot = null;
let charted = null;
window.addEventListener('resize', () => {
  if (plot) plot.setSize({ width: Math.max(280, $('chart').clientWidth), height: 220 });
});
async function chart(p) {
  charted = p;
  const r = await call('GET', '/api/v1/ports/' + [p.gateway, p.pile, p.port].map(encodeURIComponent).join('/') + '/history');
  if (r.status !== 200) { answered(r); return; }
  const readings = (r.data.readings || []).slice().reverse();
  $('chart-box').classList.remove('hidden');
  $('chart-title').textContent = t('console.chartTitle', { pile: p.pile, port: p.port });
  const box = $('chart');
  const data = [readings.map(x => x.ts / 1000), readings.map(x => x.powerW),
    readings.map(x => (x.temperatureC === undefined ? null : x.temperatureC))];
  if (plot) plot.destroy();
  plot = new uPlot({
    width: Math.max(280, box.clientWidth || 600), height: 220,
    series: [{ label: t('console.time'), value: (u, v) => (v === null ? '--' : Anju.time(v * 1000)) },
      { label: t('console.power') + ' (W)', stroke: '#15803d', width: 2, scale: 'W', value: (u, v) => (v === null ? '' : Anju.watts(v)) },
      { label: t('console.temperature') + ' (°C)', stroke: '#b91c1c', width: 2, scale: 'C', value: (u, v) => (v === null ? '' : Anju.celsius(v)) }],
    // a fixed floor for each scale, so a few watts or a tenth of a degree do not fill the chart
    scales: { W: { range: (u, min, max) => [0, Math.max(max || 0, 100)] },
      C: { range: (u, min, max) => [Math.min(min ?? 15, 15), Math.max(max ?? 60, 60)] } },
    // times as people here read them: 24-hour, in the park's time zone
    axes: [{ values: (u, ticks) => ticks.map(v => Anju.time(v * 1000)) }, { scale: 'W', label: 'W' }, { scale: 'C', side: 1, label: '°C', grid: { show: false } }],
  }, data, box);
  const last = readings[readings.length - 1];
  $('chart-summary').textContent = last ? t('console.chartSummary', { count: readings.length,
    values: Anju.watts(last.powerW) + (last.temperatureC === undefined ? '' : ', ' + Anju.celsius(last.temperatureC)) }) : t('console.chartNone');
  if (window.matchMedia('(max-width: 700px)').matches) $('chart-box').scrollIntoView({ block: 'start' });
}

// ---- the park at a glance ----
let overview = { buildings: [], totals: {} };
let overviewPage = 1;
const OVERVIEW_PAGE = 24;
async function loadOverview() {
  const r = await call('GET', '/api/v1/overview');
  if (r.status !== 200) return;
  overview = r.data;
  renderOverview();
}
function renderOverview() {
  const o = overview.totals || {};
  $('overview-totals').textContent = t('console.overviewTotals', { buildings: o.buildings || 0, ports: o.ports || 0,
    charging: o.charging || 0, held: o.held || 0, alarms: o.alarms || 0, stale: o.staleGateways || 0 });
  const page = V.overviewPage(overview.buildings || [], $('o-filter').value, $('o-problems').checked, overviewPage, OVERVIEW_PAGE);
  overviewPage = page.page;
  const list = $('overview');
  const wanted = page.rows.map(b => b.building);
  [...list.children].forEach(c => { if (!wanted.includes(c.dataset.building)) c.remove(); });
  let before = list.firstElementChild;
  for (const b of page.rows) {
    let li = [...list.children].find(c => c.dataset.building === b.building);
    if (!li) {
      li = el('li', { 'data-building': b.building }, el('button', { type: 'button', class: 'secondary', onclick: () => {
        filter().building.value = b.building;
        loadPorts(false).then(() => $('ports-title').scrollIntoView({ block: 'start' }));
      } }, el('strong', { class: 'o-name' }), el('span', { class: 'o-counts' })), el('ul', { class: 'o-areas' }));
    }
    const name = b.name && b.name !== b.building ? b.building + ' · ' + b.name : b.building;
    li.querySelector('.o-name').textContent = name + (b.online ? '' : ' · ' + t('console.offline'));
    li.querySelector('.o-counts').textContent = ' ' + t('console.overviewRow', b) + (b.hottestC === null || b.hottestC === undefined ? ''
      : ' · ' + t('console.hottest', { temp: Anju.celsius(b.hottestC) }));
    li.querySelector('button').title = t('console.showPorts', { building: name });
    li.querySelector('.o-areas').replaceChildren(...(b.areas || []).map(a => el('li', {}, a.area + ' · ' + t('console.overviewRow', a))));
    li.className = (page.problem(b) ? 'problem' : '') + (b.online ? '' : ' offline');
    if (li !== before) list.insertBefore(li, before); else before = before.nextElementSibling;
  }
  if (!page.rows.length) list.replaceChildren(el('li', {}, t('console.noMatch')));
  $('o-page').textContent = t('console.page', { page: page.page, pages: page.pages });
  $('o-prev').disabled = page.page <= 1;
  $('o-next').disabled = page.page >= page.pages;
}
let overviewDue = null;
const overviewSoon = () => { if (!overviewDue) overviewDue = setTimeout(() => { overviewDue = null; loadOverview(); }, 2000); };
// an alarm changes what the overview says: read it at once (one read at a time), or a FIRE card stands beside a
// summary that still says no alarm for the 2 s a burst of readings waits
let overviewReading = null;
const overviewNow = () => {
  if (overviewReading) { overviewSoon(); return; }
  if (overviewDue) { clearTimeout(overviewDue); overviewDue = null; }
  overviewReading = Promise.resolve(loadOverview()).finally(() => { overviewReading = null; });
};

// ---- who is inside a building on fire, and its lifts ----
let buildings = [];
async function loadOccupancy() {
  const r = await call('GET', '/api/v1/occupancy');
  if (r.status !== 200) return;
  buildings = r.data.buildings || [];
  const released = b => (b.lifts || []).filter(l => l.state !== 'restored');
  const shown = buildings.filter(b => b.fire || released(b).length);
  $('inside-box').classList.toggle('hidden', !shown.length);
  $('inside').replaceChildren(...shown.map(b => el('div', { class: 'alarm FIRE', 'data-building': b.building },
    el('strong', {}, t('console.insideCount', { name: b.name, inside: b.inside })),
    b.unidentified ? el('span', {}, ' ' + t('console.unidentified', { count: b.unidentified })) : '',
    b.fire ? el('ul', {}, (b.people || []).map(p => el('li', {}, t('console.inSince', { who: p.name || p.tenant, room: p.room || '',
      time: Anju.time(p.since) })))) : '',
    released(b).map(l => el('div', { 'data-lift': l.lift }, t('console.liftReleased', { lift: l.lift }) + ' ',
      l.state === 'input-cleared' ? el('button', { type: 'button', onclick: () => restoreLift(b, l) }, t('console.restoreLift', { lift: l.lift }))
        : el('span', {}, t('console.liftInputActive')))))));
}
async function restoreLift(b, l) {
  answered(await call('POST', '/api/v1/lifts/' + encodeURIComponent(b.building) + '/' + encodeURIComponent(l.lift) + '/restore'));
  loadOccupancy();
}

// ---- the live stream: a single-use ticket each time; a session that ended goes back to sign-in ----
function status(code) {
  $('live').textContent = t(code);
  $('live').dataset.state = code;
}
// the id of the last news the stream sent (alarms, doors, commands, ports, gateways, and "live": where it is at):
// a stream opened again names it and is sent what this page missed, from any instance of the park
let lastId = null;
async function live() {
  const ticket = await call('POST', '/api/v1/stream/ticket');
  if (ticket.status !== 200) { status('console.reconnecting'); setTimeout(live, 3000); return; }
  const resuming = lastId !== null;
  const source = new EventSource('/api/v1/stream?ticket=' + encodeURIComponent(ticket.data.ticket)
    + (resuming ? '&after=' + encodeURIComponent(lastId) : ''));
  const on = (kind, f) => source.addEventListener(kind, ev => { if (ev.lastEventId) lastId = ev.lastEventId; f(ev); });
  source.onopen = () => {
    status('console.live');
    if (parkDown) { parkDown = false; banner(); }
    // what is not news is read again (the ports' readings, the totals, who is inside); the news missed comes on the stream
    if (resuming) { loadPorts(false); loadOverview(); loadOccupancy(); }
  };
  source.onerror = () => {
    status('console.reconnecting');
    source.close();
    // the stream broke: say so at once if the park itself is gone; open it again from the last news seen (a park that
    // numbers none: reload what may have changed meanwhile)
    call('GET', '/api/v1/park').then(() => setTimeout(() => { live(); if (!parkDown && lastId === null) load(); }, 2000));
  };
  on('port', ev => portReading(JSON.parse(ev.data)));
  // the park may have missed telling this console something (another instance's fan-out was lost, or this page was
  // away longer than the park sends again): read it all again
  on('resync', () => load());
  on('live', () => {});
  on('door', () => {});   // not shown here, but news: its id is where the stream is at
  on('alarm', ev => {
    const d = JSON.parse(ev.data);
    if (d.view) alarmArrived(d.view);
    overviewNow();
  });
  on('occupancy', ev => {
    if (JSON.parse(ev.data).type !== 'gate.passage' || buildings.some(b => b.fire)) loadOccupancy();
  });
  on('command', ev => {
    const d = JSON.parse(ev.data);
    if (d.type === 'command.completed') completed(d.payload);
  });
  on('gateway', ev => {
    const d = JSON.parse(ev.data);
    ports.forEach(p => { if (p.gateway === d.gateway) p.stale = !d.online; });
    renderPorts();
    overviewSoon();
  });
}

/** A port.reading from the stream (the gateway's payload, with its gateway and time). */
function portReading(d) {
  if (d.type !== 'port.reading') return;
  const r = d.payload;
  const k = d.gateway + '|' + r.pile + '|' + r.port;
  const old = ports.get(k);
  const p = { ...(old || {}), building: buildingOf(d.gateway), gateway: d.gateway, pile: r.pile, port: r.port, state: r.state,
    powerW: r.powerW, temperatureC: r.temperatureC ?? null, stale: false, ts: d.ts,
    hold: r.heldFor ? { reason: r.heldFor, since: r.heldSince, by: r.heldBy || null, byName: names.get(r.heldBy) } : null };
  if (!portShown(p)) { if (ports.delete(k)) portChanged(k, true); return; }
  if (!old && portsNext) return;   // beyond the pages loaded: it comes with "More"
  ports.set(k, p);
  portChanged(k, !old || !!old.stale);
  if (!old || !old.hold !== !p.hold || old.state !== p.state) overviewSoon();
}

// every open alarm, page after page (the most severe first, so they show first); an alarm no page
// had is no longer open, forgotten only once the last page came
async function loadAlarms() {
  const open = new Set();
  let after = null;
  do {
    const q = new URLSearchParams({ limit: '500' });
    if (after) q.set('after', after);
    const a = await call('GET', '/api/v1/alarms?' + q);
    if (a.status !== 200) return;
    (a.data.alarms || []).forEach(x => {
      open.add(x.gateway + '|' + x.id);
      if (x.acknowledgedByName) names.set(x.acknowledgedBy, x.acknowledgedByName);
      alarms.set(x.gateway + '|' + x.id, x);
    });
    after = a.data.next || null;
    if (after) renderAlarms();
  } while (after);
  alarms.forEach((x, k) => { if (!open.has(k)) alarms.delete(k); });
  renderAlarms();
}

async function load() {
  await Promise.all([loadAlarms(), loadPorts(false), loadOverview()]);
  known = true;
  loadOccupancy();
}

function fillBuildings() {
  const select = filter().building;
  [...new Set(areas.map(x => x.building))].sort().forEach(b => select.append(el('option', { value: b }, b)));
}

Anju.signIn('officer', async () => {
  performance.mark('console:signed-in');   // what a test measures the first render from
  const cfg = await call('GET', '/api/v1/areas');
  areas = cfg.data.areas || [];
  fillBuildings();
  filter().addEventListener('change', () => loadPorts(false));
  $('ports-more').addEventListener('click', () => loadPorts(true));
  $('o-filter').addEventListener('input', () => { overviewPage = 1; renderOverview(); });
  $('o-problems').addEventListener('change', () => { overviewPage = 1; renderOverview(); });
  $('o-prev').addEventListener('click', () => { overviewPage--; renderOverview(); });
  $('o-next').addEventListener('click', () => { overviewPage++; renderOverview(); });
  await load();
  await new Promise(done => requestAnimationFrame(() => { document.body.offsetHeight; done(); }));
  performance.mark('console:first-render');
  live();
  setInterval(loadOverview, 30000);
  Anju.keepAlive(5);   // the wall screen renews its officer's session while it is shown
});
