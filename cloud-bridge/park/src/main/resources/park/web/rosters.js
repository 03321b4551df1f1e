// The gateways whose door rosters differ from the park's, for how long and why (GET /api/v1/rosters):
// until a gateway confirms, its doors may still admit someone whose lease has ended. Shown only when some do.
(() => {
  async function show() {
    if (!Anju.token()) return;
    await Anju.ready;
    const r = await Anju.api('GET', '/api/v1/rosters');
    if (r.status !== 200) return;
    const late = (r.data.gateways || []).filter(g => !g.inSync);
    document.getElementById('rosters-box').classList.toggle('hidden', !late.length);
    document.getElementById('rosters').replaceChildren(...late.map(g => Anju.el('li', { 'data-gateway': g.gateway },
      Anju.t('console.rosterLate', { building: g.building, gateway: g.gateway, state: Anju.t(`console.rosterState.${g.state}`),
        duration: Anju.duration(g.outOfSyncSeconds) }) + (g.online ? '' : (Anju.lang() === 'zh' ? '；' : '; ') + Anju.t('console.rosterOffline')))));
  }
  setInterval(show, 5000);
  show();
})();
