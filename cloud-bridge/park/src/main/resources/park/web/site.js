// A gateway's site file, for the admin (GET/POST /api/v1/park/gateways/GW/site, POST .../site/N/deploy):
// which version the gateway runs and whether it drifts from the park's newest, the last deployment's
// outcome (pending, applied, refused with the gateway's problems by line, rolled back with why), the
// editor (the park's validator refuses by line before saving) and the versions, each deployable.
(() => {
  const { api, el, t } = Anju;
  const gateway = new URLSearchParams(location.search).get('gateway') || '';
  const path = '/api/v1/park/gateways/' + encodeURIComponent(gateway) + '/site';
  let timer = null;

  // the catalog's words for a deployment's state and for drift, by the API's value
  const STATES = { PENDING: 'site.state.PENDING', APPLIED: 'site.state.APPLIED', UNCHANGED: 'site.state.UNCHANGED',
    REFUSED: 'site.state.REFUSED', ROLLED_BACK: 'site.state.ROLLED_BACK', FAILED: 'site.state.FAILED' };
  const DRIFT = { none: 'site.drift.none', older: 'site.drift.older', foreign: 'site.drift.foreign', unknown: 'site.drift.unknown' };
  const short = digest => digest ? digest.slice(0, 19) + '…' : '';

  function problems(list) {
    const ol = document.getElementById('problems');
    ol.replaceChildren(...(list || []).map(p => el('li', {}, t('site.page.problem', { line: p.line, column: p.column, message: p.message }))));
  }

  function deployment(d) {
    const box = document.getElementById('deployment');
    if (!d) {
      box.replaceChildren(el('p', { class: 'muted' }, t('site.page.noDeployment')));
      return;
    }
    const rows = [el('p', { class: 'state-' + d.state }, t(STATES[d.state], { version: d.version, time: Anju.dateTime(d.sentAt) }))];
    if (d.detail && d.state !== 'REFUSED') {
      rows.push(el('p', {}, d.detail));
    }
    if (d.problems && d.problems.length) {
      rows.push(el('ol', { class: 'problems' }, ...d.problems.map(p => el('li', {},
        t('site.page.problem', { line: p.line, column: p.column, message: p.message })))));
    }
    box.replaceChildren(...rows);
  }

  async function load() {
    const r = await api('GET', path);
    if (r.status !== 200) {
      document.getElementById('running').textContent = r.status === 0 ? t('site.page.unreachable') : r.data.error;
      return;
    }
    const v = r.data;
    document.getElementById('gateway-title').textContent = t('site.page.gateway', { gateway: v.gateway });
    document.getElementById('running').textContent = !v.running.digest ? t('site.page.runningUnknown')
      : v.running.version ? t('site.page.running', { version: v.running.version, digest: short(v.running.digest) })
        : t('site.page.runningForeign', { digest: short(v.running.digest) });
    document.getElementById('drift').textContent = t(DRIFT[v.drift], { version: v.newest ? v.newest.version : '' });
    deployment(v.lastDeployment);
    const text = document.getElementById('text');
    if (!text.value && v.newest) {
      text.value = v.newest.text;
    }
    document.getElementById('versions').replaceChildren(...v.versions.map(x => el('li',
      { class: x.digest === v.running.digest ? 'running' : '' },
      el('p', {}, t('site.page.version', { version: x.version, by: x.createdBy, time: Anju.dateTime(x.createdAt) })),
      el('p', { class: 'digest' }, x.digest),
      el('button', { type: 'button', class: 'secondary', 'data-deploy': x.version, onclick: () => deploy(x.version) },
        t('site.page.deploy', { version: x.version })))));
    clearTimeout(timer);
    if (v.lastDeployment && v.lastDeployment.state === 'PENDING') {
      timer = setTimeout(load, 3000);
    }
  }

  async function save() {
    const status = document.getElementById('save-status');
    const r = await api('POST', path, { text: document.getElementById('text').value });
    if (r.status === 201) {
      status.textContent = t('site.page.saved', { version: r.data.version });
      problems([]);
      await load();
      return;
    }
    status.textContent = r.status === 0 ? t('site.page.unreachable') : r.data.error;
    problems(r.data && r.data.problems);
  }

  async function deploy(version) {
    const seconds = parseInt(document.getElementById('seconds').value, 10);
    const r = await api('POST', path + '/' + version + '/deploy', { confirmWithinSeconds: seconds });
    if (r.status !== 202) {
      document.getElementById('deployment').replaceChildren(el('p', { class: 'state-FAILED' },
        r.status === 0 ? t('site.page.unreachable') : r.data.error));
      return;
    }
    await load();
  }

  function start() {
    document.getElementById('save').addEventListener('click', save);
    Anju.keepAlive(10);
    load();
  }

  Anju.signIn('admin', start);
})();
