// A charging area's port labels to print: each port's QR code (its address on the tenant page,
// tenant.html#charge=BUILDING/PILE/PORT) with the pile and port written under it for people.
// Opened as port-labels.html?building=B&area=A by the building's landlord, an officer or the admin.
const { api, t, el } = Anju;
const params = new URLSearchParams(location.search);
const building = params.get('building') || '';

async function load(area) {
  const box = document.getElementById('labels-result');
  const r = await api('GET', '/api/v1/buildings/' + encodeURIComponent(building) + '/areas/' + encodeURIComponent(area) + '/labels');
  if (r.status !== 200) {
    box.className = 'result bad';
    box.textContent = r.data.error || t('app.parkOffline');
    return;
  }
  box.className = 'result hidden';
  const select = document.getElementById('area');
  if (!select.children.length) {
    select.replaceChildren(...r.data.areas.map(a => el('option', { value: a }, a)));
    select.addEventListener('change', () => load(select.value));
  }
  select.value = r.data.area;
  document.getElementById('area-title').textContent = t('tenant.labels.area', { building: r.data.buildingName, area: r.data.area });
  document.getElementById('labels').replaceChildren(...r.data.labels.map(l => el('figure', { class: 'label', 'data-port': l.pile + '/' + l.port },
    el('img', { src: l.qr, alt: t('tenant.labels.port', l), 'data-url': l.url }),
    el('figcaption', {}, el('p', { class: 'port-name' }, t('tenant.labels.port', l)), el('p', { class: 'scan' }, t('tenant.labels.scan'))))));
}

document.getElementById('print').addEventListener('click', () => window.print());

(async () => {
  await Anju.ready;
  // the building's landlord, an officer or the admin: whichever role signs in
  Anju.signIn(['landlord', 'officer', 'admin'], () => load(params.get('area') || ''));
})();
