// The admin's view of the registration exports' audit trail: who exported which building's
// registrations for the police, when, how many records, from where. Latest first.
(() => {
  const { api, el, t } = Anju;
  async function load() {
    const r = await api('GET', '/api/v1/registration-exports');
    const list = document.getElementById('exports');
    if (r.status !== 200) { list.replaceChildren(el('li', { class: 'denied' }, r.data.error)); return; }
    const rows = r.data.exports || [];
    list.replaceChildren(...(rows.length ? rows.map(e => el('li', { class: 'export-row' },
      el('span', {}, t('landlord.audit.line', { time: Anju.dateTime(new Date(e.at).getTime()), landlord: e.login || e.landlord,
        building: e.building, count: e.records })),
      el('span', { class: 'muted' }, e.address))) : [el('li', { class: 'muted' }, t('landlord.audit.none'))]));
  }
  Anju.signIn('admin', load);
})();
