// The park's buildings, for the admin (GET/POST/PUT/DELETE /api/v1/park/buildings): the list, and an
// editor for a building's gateway and its public key, doors and rooms, charging areas and piles, lifts
// and village. What the park refuses is shown at the field it names (doors[2].kind marks that door's
// kind); a change is sent with the version it was made from, so another admin's is never overwritten.
// Each building offers an enrollment code for its gateway, shown as text and as a QR code.
(() => {
  const { api, el, t } = Anju;
  const KINDS = ['entrance', 'gate', 'shed', 'room'];
  const form = () => document.getElementById('editor');
  let buildings = [];
  /** The building being edited (null: a new one), and whether delete was pressed once. */
  let editing = null;
  let deleteArmed = false;
  let rowIds = 0;

  const words = list => list.join(Anju.lang() === 'zh' ? '、' : ', ');
  const splitIds = text => text.split(/[\s,，、;；]+/).filter(Boolean);

  function status(text, kind) {
    const s = document.getElementById('status');
    s.textContent = text || '';
    s.className = text ? kind : '';
  }

  function card(b) {
    const rooms = new Set(b.doors.filter(d => d.room).map(d => d.room));
    const piles = b.areas.reduce((n, a) => n + a.piles.length, 0);
    const key = b.gatewayKey ? el('p', {}, t('buildings.page.keyKnown'))
      : b.gatewayKeyFile ? el('p', {}, t('buildings.page.keyFile', { file: b.gatewayKeyFile }))
        : el('p', { class: 'key-missing' }, t('buildings.page.keyMissing'));
    return el('li', { 'data-building': b.id, class: b.gatewayKey || b.gatewayKeyFile ? '' : 'keyless' },
      el('h3', {}, b.name === b.id ? b.id : b.name + ' (' + b.id + ')'),
      el('p', {}, t('buildings.page.gatewayLine', { gateway: b.gateway }) + (b.village ? ' · ' + b.village : '')),
      el('p', {}, t('buildings.page.layout', { doors: b.doors.length, rooms: rooms.size, areas: b.areas.length, piles })),
      b.lifts.length ? el('p', {}, t('buildings.page.liftsLine', { lifts: words(b.lifts) })) : '',
      key,
      el('p', { class: 'muted' }, t('buildings.page.version', { version: b.version, time: Anju.dateTime(b.updatedAt) })),
      el('button', { type: 'button', class: 'secondary', 'data-edit': b.id, onclick: () => open(b) },
        t('buildings.page.edit', { name: b.name })),
      ' ',
      el('button', { type: 'button', class: 'secondary', 'data-enroll': b.id, onclick: () => enroll(b) },
        t('enroll.page.enroll')),
      ' ',
      el('a', { href: 'site.html?gateway=' + encodeURIComponent(b.gateway), 'data-site': b.gateway }, t('site.page.title')));
  }

  /**
   * A single-use enrollment code for the building's gateway (POST .../enrollment): the code, the
   * command to run on the gateway and its QR code. A new code voids the one shown before.
   */
  async function enroll(b) {
    const r = await api('POST', '/api/v1/park/buildings/' + encodeURIComponent(b.id) + '/enrollment');
    const panel = document.getElementById('enrollment');
    if (r.status !== 201) {
      panel.classList.add('hidden');
      status(t('enroll.page.failed', { error: r.data.error }), 'bad');
      return;
    }
    status('');
    document.getElementById('enroll-title').textContent = t('enroll.page.title', { gateway: r.data.gateway });
    document.getElementById('enroll-hint').textContent = t('enroll.page.hint', { expires: Anju.dateTime(Date.parse(r.data.expiresAt)) });
    document.getElementById('enroll-code').textContent = r.data.code;
    document.getElementById('enroll-command').textContent = r.data.command;
    const qr = document.getElementById('enroll-qr');
    qr.src = r.data.qr;
    qr.alt = t('enroll.page.qr');
    qr.dataset.command = r.data.command;
    panel.classList.remove('hidden');
    document.getElementById('enroll-title').focus();
  }

  async function load() {
    const r = await api('GET', '/api/v1/park/buildings');
    if (r.status !== 200) {
      status(r.data.error, 'bad');
      return false;
    }
    buildings = r.data.buildings;
    const items = buildings.map(card);
    document.getElementById('buildings').replaceChildren(...(items.length ? items
      : [el('li', { class: 'muted' }, t('buildings.page.none'))]));
    return true;
  }

  /** A labelled input of a row: its field is the API's ("doors[2].room"), set again when rows are renumbered. */
  function input(part, label, value, attrs) {
    const id = 'f' + (++rowIds);
    const field = el('input', { id, 'data-part': part, autocomplete: 'off', 'aria-describedby': id + '-problem', ...(attrs || {}) });
    field.value = value || '';
    return el('div', { class: part === 'piles' ? 'wide' : '' }, el('label', { for: id }, label), field,
      el('p', { id: id + '-problem', class: 'field-problem', hidden: '' }));
  }

  function doorRow(d) {
    const id = 'f' + (++rowIds);
    const kind = el('select', { id, 'data-part': 'kind', 'aria-describedby': id + '-problem' },
      KINDS.map(k => el('option', { value: k }, t(`buildings.kind.${k}`))));
    kind.value = d.kind || (d.room ? 'room' : 'entrance');
    const room = input('room', t('buildings.page.room'), d.room);
    const sync = () => {
      room.querySelector('input').disabled = kind.value !== 'room';
      if (kind.value !== 'room') room.querySelector('input').value = '';
    };
    kind.addEventListener('change', sync);
    const li = el('li', {}, input('id', t('buildings.page.doorId'), d.id),
      el('div', {}, el('label', { for: id }, t('buildings.page.doorKind')), kind,
        el('p', { id: id + '-problem', class: 'field-problem', hidden: '' })),
      room, el('button', { type: 'button', class: 'secondary', onclick: () => { li.remove(); renumber(); } }, t('buildings.page.remove')));
    sync();
    return li;
  }

  function areaRow(a) {
    const li = el('li', {}, input('id', t('buildings.page.areaId'), a.id),
      input('piles', t('buildings.page.piles'), (a.piles || []).join(', ')),
      el('button', { type: 'button', class: 'secondary', onclick: () => { li.remove(); renumber(); } }, t('buildings.page.remove')));
    return li;
  }

  /** Each row's fields named as the API names them: doors[0].id, areas[1].piles ... */
  function renumber() {
    ['doors', 'areas'].forEach(list => document.querySelectorAll(`#${list} > li`).forEach((li, i) => {
      li.dataset.field = `${list}[${i}]`;
      li.querySelectorAll('[data-part]').forEach(f => { f.dataset.field = `${list}[${i}].${f.dataset.part}`; });
    }));
  }

  function clearProblems() {
    const summary = document.getElementById('summary');
    summary.classList.add('hidden');
    summary.textContent = '';
    form().querySelectorAll('.field-problem').forEach(p => { p.hidden = true; p.textContent = ''; });
    form().querySelectorAll('[aria-invalid]').forEach(f => f.removeAttribute('aria-invalid'));
  }

  /** Each problem beside the field it names (a pile: its area's piles; a lift: the lifts), the first one in the summary too. */
  function showProblems(data) {
    clearProblems();
    const summary = document.getElementById('summary');
    summary.textContent = data.error;
    summary.classList.remove('hidden');
    let first = null;
    (data.problems || []).forEach(p => {
      const name = p.field.replace(/^(areas\[\d+]\.piles)\[\d+]$/, '$1').replace(/^lifts\[\d+]$/, 'lifts');
      const target = form().querySelector(`[data-field="${CSS.escape(name)}"]`);
      if (!target) return;
      const control = target.matches('input, select, textarea') ? target : null;
      const box = control ? document.getElementById(control.getAttribute('aria-describedby').split(' ').pop())
        : target.matches('.field-problem') ? target : target.querySelector('.field-problem');
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        first = first || control;
      }
      if (box) {
        box.textContent = box.textContent ? box.textContent + ' ' + p.text : p.text;
        box.hidden = false;
      }
    });
    (first || summary).scrollIntoView({ block: 'center' });
    if (first) first.focus();
  }

  function open(b) {
    editing = b;
    deleteArmed = false;
    clearProblems();
    status('');
    const f = form();
    document.getElementById('editor-title').textContent = b ? t('buildings.page.editing', { name: b.name, id: b.id })
      : t('buildings.page.adding');
    const id = document.getElementById('b-id');
    id.value = b ? b.id : '';
    id.readOnly = !!b;
    document.getElementById('b-name').value = b ? b.name : '';
    document.getElementById('b-gateway').value = b ? b.gateway : '';
    document.getElementById('b-village').value = b && b.village ? b.village : '';
    document.getElementById('b-key').value = b && b.gatewayKey ? b.gatewayKey : '';
    document.getElementById('b-key-hint').textContent = b && !b.gatewayKey && b.gatewayKeyFile
      ? t('buildings.page.keyFileHint', { file: b.gatewayKeyFile }) : t('buildings.page.keyHint');
    document.getElementById('b-lifts').value = b ? b.lifts.join(', ') : '';
    document.getElementById('doors').replaceChildren(...(b ? b.doors : [{ id: 'entrance', kind: 'entrance' }]).map(doorRow));
    document.getElementById('areas').replaceChildren(...(b ? b.areas : []).map(areaRow));
    renumber();
    const del = document.getElementById('delete');
    del.hidden = !b;
    del.textContent = t('buildings.page.delete');
    f.classList.remove('hidden');
    f.scrollIntoView({ block: 'start' });
    (b ? document.getElementById('b-name') : id).focus();
  }

  function close() {
    form().classList.add('hidden');
    editing = null;
  }

  /** The building as the form has it, as the API takes it. */
  function body() {
    const v = id => document.getElementById(id).value.trim();
    const rows = list => [...document.querySelectorAll(`#${list} > li`)];
    const part = (li, p) => li.querySelector(`[data-part=${p}]`).value.trim();
    const out = {
      id: v('b-id'), name: v('b-name') || v('b-id'), gateway: v('b-gateway'), village: v('b-village') || null,
      gatewayKey: v('b-key') || null,
      doors: rows('doors').map(li => ({ id: part(li, 'id'), kind: part(li, 'kind'), room: part(li, 'room') || null })),
      areas: rows('areas').map(li => ({ id: part(li, 'id'), piles: splitIds(part(li, 'piles')) })),
      lifts: splitIds(v('b-lifts'))
    };
    if (editing) out.version = editing.version;
    return out;
  }

  async function save(ev) {
    ev.preventDefault();
    const b = body();
    const r = editing ? await api('PUT', '/api/v1/park/buildings/' + encodeURIComponent(editing.id), b)
      : await api('POST', '/api/v1/park/buildings', b);
    if (r.status === 200 || r.status === 201) {
      close();
      await load();
      status(t('buildings.page.saved', { name: r.data.name, version: r.data.version }), 'ok');
      document.querySelector(`[data-edit="${CSS.escape(r.data.id)}"]`)?.focus();
      return;
    }
    showProblems(r.data.problems ? r.data : { error: r.data.error, problems: [] });
  }

  async function remove() {
    if (!editing) return;
    const del = document.getElementById('delete');
    if (!deleteArmed) {
      deleteArmed = true;
      del.textContent = t('buildings.page.confirmDelete', { id: editing.id });
      return;
    }
    const id = editing.id;
    const r = await api('DELETE', '/api/v1/park/buildings/' + encodeURIComponent(id));
    deleteArmed = false;
    del.textContent = t('buildings.page.delete');
    if (r.status === 200) {
      close();
      await load();
      status(t('buildings.page.deleted', { id }), 'ok');
      document.getElementById('add').focus();
      return;
    }
    showProblems({ error: r.data.error, problems: [] });
  }

  function start() {
    document.getElementById('add').addEventListener('click', () => open(null));
    document.getElementById('add-door').addEventListener('click', () => {
      const li = doorRow({});
      document.getElementById('doors').append(li);
      renumber();
      li.querySelector('input').focus();
    });
    document.getElementById('add-area').addEventListener('click', () => {
      const li = areaRow({});
      document.getElementById('areas').append(li);
      renumber();
      li.querySelector('input').focus();
    });
    document.getElementById('cancel').addEventListener('click', () => { close(); status(''); });
    document.getElementById('enroll-close').addEventListener('click', () => {
      document.getElementById('enrollment').classList.add('hidden');
    });
    document.getElementById('delete').addEventListener('click', remove);
    form().addEventListener('submit', save);
    Anju.keepAlive(10);
    load();
  }

  Anju.signIn('admin', start);
})();
