// The tenant's guest passes: issue one (who for, how long, how many uses), see each with its code,
// link and QR, its window, the uses the gateway reported and its state at the gateway (sending,
// valid, revoking until the gateway confirms...), and revoke it. Needs Anju (app.js) and the page's
// #pass-form and #passes; the page calls AnjuPasses.start() once signed in.
const AnjuPasses = (() => {
  const { api, el, t } = Anju;
  const HOURS = [1, 2, 4, 8, 12, 24];
  const USES = [1, 2, 3, 5, 10];
  const UNSETTLED = ['sending', 'revoking'];
  let timer = null;

  function item(p) {
    const li = el('li', { 'data-pass': p.id, 'data-state': p.state, class: 'pass ' + p.state },
      el('div', { class: 'pass-head' }, el('strong', {}, p.label), ' · ', el('span', { class: 'state' }, p.stateText)),
      el('div', { class: 'muted' }, t('tenant.guest.window', { from: Anju.dateTime(p.validFrom), until: Anju.dateTime(p.validUntil) })
        + ' · ' + t('tenant.guest.used', { used: p.used, max: p.maxUses })));
    if (p.code) {
      li.append(el('div', { class: 'pass-code', 'data-code': p.code }, t('tenant.guest.code', { code: p.code })),
        el('div', { class: 'pass-link' },
          el('img', { src: p.qr, alt: t('tenant.guest.link'), 'data-link': p.link, width: '200', height: '200' }),
          el('label', { for: 'link-' + p.id, class: 'sr-only' }, t('tenant.guest.link')),
          el('input', { id: 'link-' + p.id, readonly: '', value: p.link })));
    }
    if (p.state !== 'revoked' && p.state !== 'revoking' && p.state !== 'expired') {
      li.append(el('button', { type: 'button', class: 'secondary', 'data-revoke': p.id,
        'aria-label': t('tenant.guest.revokeLabel', { label: p.label }), onclick: () => revoke(p) }, t('tenant.guest.revoke')));
    }
    return li;
  }

  async function refresh() {
    const r = await api('GET', '/api/v1/me/guest-passes');
    if (r.status !== 200) return;
    const passes = r.data.passes || [];
    const list = document.getElementById('passes');
    // rebuilt only when something changed, so a focused button or a selected link stays as it is
    const seen = JSON.stringify(passes.map(p => [p.id, p.state, p.used]));
    if (list.dataset.seen !== seen) {
      list.dataset.seen = seen;
      list.replaceChildren(...(passes.length ? passes.map(item) : [el('li', { class: 'muted' }, t('tenant.guest.none'))]));
    }
    schedule(passes.some(p => UNSETTLED.includes(p.state)));
  }

  /** Looks again soon while a pass waits for the gateway, slowly otherwise (uses and expiry). */
  function schedule(soon) {
    clearTimeout(timer);
    timer = setTimeout(() => { if (!document.hidden) refresh(); else schedule(soon); }, soon ? 2000 : 15000);
  }

  async function revoke(p) {
    const box = document.getElementById('pass-result');
    const r = await api('DELETE', '/api/v1/me/guest-passes/' + encodeURIComponent(p.id));
    box.className = 'result ' + (r.status === 200 ? 'warn' : 'bad');
    box.textContent = r.status === 200 ? p.label + ' · ' + r.data.pass.stateText : (r.data.error || t('app.parkOffline'));
    refresh();
  }

  function start() {
    const form = document.getElementById('pass-form');
    form.hours.replaceChildren(...HOURS.map(h => el('option', { value: String(h) }, t('tenant.charge.hours', { hours: h }))));
    form.hours.value = '4';
    form.uses.replaceChildren(...USES.map(n => el('option', { value: String(n) }, t('tenant.guest.usesN', { uses: n }))));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const box = document.getElementById('pass-result');
      const body = { hours: Number(form.hours.value), uses: Number(form.uses.value) };
      if (form.label.value.trim()) body.label = form.label.value.trim();
      const r = await api('POST', '/api/v1/me/guest-passes', body);
      box.className = 'result ' + (r.status === 201 ? 'ok' : 'bad');
      box.textContent = r.status === 201 ? t('tenant.guest.issued', { label: r.data.pass.label }) + ' · ' + r.data.pass.stateText
        : (r.data.error || t('app.parkOffline'));
      if (r.status === 201) form.label.value = '';
      refresh();
    });
    refresh();
  }

  return { start, refresh };
})();
