// The gateways whose door rosters differ from the park's, for how long and why (GET /api/v1/rosters):
// until a gateway confirms, its doors may still admit someone whose lease has ended. Shown only when some do.
(() => {
  const duration = s => s < 120 ? s + ' s' : s < 7200 ? Math.round(s / 60) + ' min' : Math.round(s / 3600) + ' h';
  async function show() {
    if (!Anju.token()) return;
    const r = await Anju.api('GET', '/api/v1/rosters');
    if (r.status !== 200) return;
    const late = (r.data.gateways || []).filter(g => !g.inSync);
    document.getElementById('rosters-box').classList.toggle('hidden', !late.length);
    document.getElementById('rosters').replaceChildren(...late.map(g => Anju.el('li', { 'data-gateway': g.gateway },
      Anju.el('strong', {}, g.building + ' · ' + g.gateway), ' ' + g.state + ' for ' + duration(g.outOfSyncSeconds)
        + (g.detail ? ': ' + g.detail : ''))));
  }
  setInterval(show, 5000);
  show();
})();
