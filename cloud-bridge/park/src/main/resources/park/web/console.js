const { api, el } = Anju;
let ports = new Map();   // gateway|pile|port -> port
let alarms = [];

const key = p => p.gateway + '|' + p.pile + '|' + p.port;
const severityRank = s => ({ FIRE: 0, CRITICAL: 1, MAJOR: 2 })[s] ?? 3;

function renderAlarms() {
  const open = alarms.filter(a => a.state !== 'CLEARED')
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.raisedAt - a.raisedAt);
  const box = document.getElementById('alarms');
  box.replaceChildren(...open.map(a => el('div', { class: 'alarm ' + a.severity + ' ' + a.state, 'data-alarm': a.id },
    el('strong', {}, a.severity + ' · ' + a.kind + ' · ' + a.source), ' ', el('span', { class: 'muted' }, a.state),
    el('div', {}, a.detail), el('div', { class: 'muted' }, reading(a.alarm && a.alarm.cause)),
    a.state === 'RAISED' ? el('button', { type: 'button', onclick: () => ack(a) }, 'Acknowledge 确认') : '',
    ' ', areaOf(a) ? el('button', { type: 'button', class: 'danger', onclick: () => cutArea(areaOf(a)) }, 'Cut area ' + areaOf(a).area) : '')));
  if (!open.length) box.append(el('p', { class: 'muted' }, 'No open alarm 无告警'));
}

function reading(c) {
  if (!c) return '';
  const parts = [];
  if (c.watts !== undefined) parts.push(Math.round(c.watts) + ' W');
  if (c.temperatureC !== undefined) parts.push(c.temperatureC + ' °C');
  if (c.volts !== undefined) parts.push(Math.round(c.volts) + ' V');
  return 'reading: ' + parts.join(', ');
}

let areas = [];
function areaOf(a) {
  const pile = (a.source || '').split('/')[0];
  return areas.find(x => x.gateway === a.gateway && x.piles.includes(pile));
}

function renderPorts() {
  const byPile = new Map();
  [...ports.values()].forEach(p => {
    const k = p.gateway + ' · ' + p.pile;
    if (!byPile.has(k)) byPile.set(k, []);
    byPile.get(k).push(p);
  });
  const box = document.getElementById('piles');
  const portButton = p => el('button', { type: 'button', class: 'port ' + p.state + (p.stale ? ' stale' : ''),
    'data-port': key(p), onclick: () => chart(p) }, '#' + p.port + ' ' + p.state, el('br'), p.powerW + ' W');
  box.replaceChildren(...[...byPile.entries()].sort().map(([name, list]) => el('div', {},
    el('h3', {}, name + (list.some(p => p.stale) ? ' — gateway offline, data stale' : '')),
    el('div', { class: 'grid' }, list.sort((a, b) => a.port - b.port).map(portButton)))));
}

async function ack(a) {
  const r = await api('POST', '/api/v1/alarms/acknowledge', { gateway: a.gateway, alarm: a.id });
  result(r, 'Acknowledged ' + a.kind);
  if (r.status === 200) { a.state = 'ACKNOWLEDGED'; renderAlarms(); }
}

// a cut answered 202 is "cutting…" until its command.completed arrives on the live stream
const cuts = new Map();   // requestId -> what was cut, while cutting
const settled = new Map(); // requestId -> completion that came before the 202 did
async function cutArea(area) {
  const what = 'Area ' + area.area;
  const r = await api('POST', '/api/v1/areas/' + encodeURIComponent(area.building) + '/' + encodeURIComponent(area.area) + '/cut');
  if (r.status !== 202) { result(r, what + ': ' + (r.data.result === 'already-off' ? 'already off' : 'cut') + ' — ' + r.data.reason); return; }
  cuts.set(r.data.requestId, what);
  show('warn', what + ': cutting… ' + r.data.reason);
  if (settled.has(r.data.requestId)) cutSettled(settled.get(r.data.requestId));
}

function cutSettled(c) {
  const what = cuts.get(c.requestId);
  if (!what) { settled.set(c.requestId, c); return; }
  cuts.delete(c.requestId);
  show(c.result === 'FAILED' ? 'bad' : 'ok', what + (c.result === 'FAILED' ? ': cut failed: ' + c.detail
    : ': cut at ' + new Date(c.completedAt).toLocaleTimeString() + ' — ' + c.detail));
}

function show(cls, text) {
  const box = document.getElementById('action-result');
  box.className = 'result ' + cls;
  box.textContent = text;
}

function result(r, okText) {
  show(r.status === 200 ? 'ok' : 'bad', r.status === 200 ? okText : (r.data.reason || r.data.error));
}

// Who is inside a building, shown beside it only while its gateway reports a fire (the API names people only then),
// with its lifts a fire released and the officer's button to restore each once the fire is over.
let buildings = [];
async function loadOccupancy() {
  const r = await api('GET', '/api/v1/occupancy');
  buildings = r.data.buildings || [];
  renderOccupancy();
}

function renderOccupancy() {
  const released = b => (b.lifts || []).filter(l => l.state !== 'restored');
  const shown = buildings.filter(b => b.fire || released(b).length);
  document.getElementById('inside-box').classList.toggle('hidden', !shown.length);
  const since = ms => new Date(ms).toLocaleTimeString();
  document.getElementById('inside').replaceChildren(...shown.map(b => el('div', { class: 'alarm FIRE', 'data-building': b.building },
    el('strong', {}, b.name + ' · ' + b.inside + ' inside 楼内 ' + b.inside + ' 人'),
    b.unidentified ? el('span', { class: 'muted' }, ' (' + b.unidentified + ' not identified 未识别)') : '',
    b.fire ? el('ul', {}, (b.people || []).map(p => el('li', {}, (p.name || p.tenant) + (p.room ? ' · ' + p.room : '')
      + ' · in since 进入于 ' + since(p.since)))) : '',
    released(b).map(l => el('div', { 'data-lift': l.lift }, 'Lift 电梯 ' + l.lift + ': every floor released by the fire 消防释放全部楼层 ',
      l.state === 'input-cleared' ? el('button', { type: 'button', onclick: () => restoreLift(b, l) }, 'Restore lift 恢复电梯')
        : el('span', { class: 'muted' }, '(fire input still active 火警信号未解除)'))))));
}

async function restoreLift(b, l) {
  const r = await api('POST', '/api/v1/lifts/' + encodeURIComponent(b.building) + '/' + encodeURIComponent(l.lift) + '/restore');
  result(r, 'Lift ' + l.lift + ' restored 电梯已恢复');
  loadOccupancy();
}

let plot = null;
// the wall screen and a phone alike: the chart follows its box's width
window.addEventListener('resize', () => {
  if (plot) plot.setSize({ width: Math.max(280, document.getElementById('chart').clientWidth), height: 200 });
});

async function chart(p) {
  const r = await api('GET', '/api/v1/ports/' + [p.gateway, p.pile, p.port].map(encodeURIComponent).join('/') + '/history');
  const readings = (r.data.readings || []).slice().reverse();
  document.getElementById('chart-box').classList.remove('hidden');
  document.getElementById('chart-title').textContent = p.pile + ' port ' + p.port;
  const box = document.getElementById('chart');
  const data = [readings.map(x => x.ts / 1000), readings.map(x => x.powerW),
    readings.map(x => (x.temperatureC === undefined ? null : x.temperatureC))];
  if (plot) plot.destroy();
  plot = new uPlot({
    width: Math.max(280, box.clientWidth || 600), height: 200,
    series: [{}, { label: 'Power 功率 (W)', stroke: '#15803d', width: 2, scale: 'W' },
      { label: 'Temperature 温度 (°C)', stroke: '#b91c1c', width: 2, scale: 'C' }],
    // a fixed floor for each scale, so a few watts or a tenth of a degree do not fill the chart
    scales: { W: { range: (u, min, max) => [0, Math.max(max || 0, 100)] },
      C: { range: (u, min, max) => [Math.min(min ?? 15, 15), Math.max(max ?? 60, 60)] } },
    axes: [{}, { scale: 'W', label: 'W' }, { scale: 'C', side: 1, label: '°C', grid: { show: false } }],
  }, data, box);
  const last = readings[readings.length - 1];
  document.getElementById('chart-summary').textContent = readings.length + ' readings'
    + (last ? ', last ' + last.powerW + ' W' + (last.temperatureC === undefined ? '' : ', ' + last.temperatureC + ' °C') : '');
}

// A park has tens of thousands of ports: the console asks for a page of those its filter selects,
// and more on demand; live readings update what is shown and add a port only when it belongs.
let portsNext = null;
const filter = () => document.getElementById('port-filter');
const buildingOf = gateway => (areas.find(x => x.gateway === gateway) || {}).building;
const shown = p => (!filter().building.value || buildingOf(p.gateway) === filter().building.value)
  && (!filter().state.value || p.state === filter().state.value);

async function loadPorts(more) {
  const q = new URLSearchParams({ limit: '500' });
  if (filter().building.value) q.set('building', filter().building.value);
  if (filter().state.value) q.set('state', filter().state.value);
  if (more && portsNext) q.set('after', portsNext);
  const r = await api('GET', '/api/v1/ports?' + q);
  if (!more) ports = new Map();
  (r.data.ports || []).forEach(x => ports.set(key(x), x));
  portsNext = r.data.next || null;
  document.getElementById('ports-more').classList.toggle('hidden', !portsNext);
  document.getElementById('ports-count').textContent = ports.size + ' / ' + (r.data.total ?? ports.size) + ' ports 端口';
  renderPorts();
}

async function load() {
  const [a] = await Promise.all([api('GET', '/api/v1/alarms'), loadPorts(false)]);
  alarms = a.data.alarms || [];
  renderAlarms();
  loadOccupancy();
}

function fillBuildings() {
  const select = filter().building;
  [...new Set(areas.map(x => x.building))].sort().forEach(b => select.append(el('option', { value: b }, b)));
}

// The stream takes a single-use ticket, not the token (an address ends up in logs); every
// reconnection asks for a new one, and a session that has ended sends the page to sign-in.
async function live() {
  const status = document.getElementById('live');
  const ticket = await api('POST', '/api/v1/stream/ticket');
  if (ticket.status !== 200) { status.textContent = 'offline'; setTimeout(live, 5000); return; }
  const source = new EventSource('/api/v1/stream?ticket=' + encodeURIComponent(ticket.data.ticket));
  source.onopen = () => { status.textContent = 'live 实时'; };
  source.onerror = () => { status.textContent = 'reconnecting…'; source.close(); setTimeout(live, 2000); };
  source.addEventListener('port', ev => {
    const d = JSON.parse(ev.data);
    if (d.type !== 'port.reading') return;
    const r = d.payload, k = d.gateway + '|' + r.pile + '|' + r.port;
    const p = { gateway: d.gateway, pile: r.pile, port: r.port, state: r.state, powerW: r.powerW, stale: false };
    if (!shown(p)) { if (ports.delete(k)) renderPorts(); return; }
    if (!ports.has(k) && portsNext) return;   // beyond the pages loaded: it comes with "More"
    ports.set(k, p);
    renderPorts();
  });
  source.addEventListener('alarm', ev => {
    const d = JSON.parse(ev.data);
    const a = d.payload.alarm;
    if (!a) return;
    const state = a.clearedAt ? 'CLEARED' : a.acknowledgedBy ? 'ACKNOWLEDGED' : 'RAISED';
    alarms = alarms.filter(x => !(x.id === a.id && x.gateway === d.gateway));
    alarms.push({ gateway: d.gateway, id: a.id, kind: a.kind, severity: a.severity, source: a.source, detail: a.detail,
      state, raisedAt: d.ts, alarm: a });
    renderAlarms();
  });
  // a passage moves a count the console shows only during a fire; rolls and lifts always matter
  source.addEventListener('occupancy', ev => {
    if (JSON.parse(ev.data).type !== 'gate.passage' || buildings.some(b => b.fire)) loadOccupancy();
  });
  source.addEventListener('command', ev => {
    const d = JSON.parse(ev.data);
    if (d.type === 'command.completed') cutSettled(d.payload);
  });
  source.addEventListener('gateway', ev => {
    const d = JSON.parse(ev.data);
    ports.forEach(p => { if (p.gateway === d.gateway) p.stale = !d.online; });
    renderPorts();
  });
}

Anju.signIn('officer', async () => {
  const cfg = await api('GET', '/api/v1/areas');
  areas = cfg.data.areas || [];
  fillBuildings();
  filter().addEventListener('change', () => loadPorts(false));
  document.getElementById('ports-more').addEventListener('click', () => loadPorts(true));
  await load();
  live();
  Anju.keepAlive(5);   // the wall screen renews its officer's session while it is shown
});
