// The console's rules with no DOM: what a tile, an alarm, a confirmation and the overview say and in
// which order, all from the catalog (Anju.t) and rounded for people (Anju.watts/celsius).
const ConsoleView = (() => {
  const { t } = Anju;
  /** Pile temperature thresholds for colour: warm from 45 °C (the piles warn at 55), hot from 55. */
  const WARM_C = 45;
  const HOT_C = 55;
  /** A pile this warm with every port drawing no more than this is heating with no load: a fire's sign. */
  const NO_LOAD_W = 5;
  const SEVERITY = { FIRE: 0, CRITICAL: 1, MAJOR: 2, WARNING: 3 };

  const key = p => p.gateway + '|' + p.pile + '|' + p.port;
  const pileKey = p => p.gateway + '|' + p.pile;
  const tempClass = c => (c === null || c === undefined ? '' : c >= HOT_C ? 'temp-hot' : c >= WARM_C ? 'temp-warm' : '');
  const state = s => t('state.' + s);
  const reason = r => t('reason.' + r);
  const sep = () => (Anju.lang() === 'zh' ? '，' : ', ');

  /** What a tile shows, line by line (its visible text is its name). */
  function tile(p) {
    const temp = p.temperatureC === null || p.temperatureC === undefined ? '' : t('console.pileTemp', { temp: Anju.celsius(p.temperatureC) });
    const held = p.hold ? t('console.held', { reason: reason(p.hold.reason) }) : '';
    const heldWhen = p.hold ? t('console.heldSince', { time: Anju.time(p.hold.since) }) + (p.hold.by ? ' · ' + t('console.heldBy', { who: p.hold.byName || p.hold.by }) : '') : '';
    return {
      state: '#' + p.port + ' ' + state(p.state),
      power: Anju.watts(p.powerW || 0),
      temp, tempClass: tempClass(p.temperatureC), held, heldWhen,
      stale: p.stale ? t('console.stale') : '',
      classes: 'port ' + p.state + (p.hold ? ' held' : '') + (p.stale ? ' stale' : ''),
    };
  }

  /** A pile's ports: heating with no load (warm, nothing drawing) is a fire's sign and goes first. */
  function pileInfo(list) {
    const temps = list.map(p => p.temperatureC).filter(c => c !== null && c !== undefined);
    const hottest = temps.length ? Math.max(...temps) : null;
    const heatingNoLoad = hottest !== null && hottest >= WARM_C && list.every(p => (p.powerW || 0) <= NO_LOAD_W);
    return { hottest, heatingNoLoad, stale: list.some(p => p.stale), held: list.some(p => p.hold) };
  }

  /** Piles in the order the officer needs them: heating with no load, then hottest, then by name. */
  function orderPiles(piles) {
    return piles.slice().sort((a, b) => (b.info.heatingNoLoad - a.info.heatingNoLoad)
      || ((b.info.hottest ?? -99) >= HOT_C || (a.info.hottest ?? -99) >= HOT_C ? (b.info.hottest ?? -99) - (a.info.hottest ?? -99) : 0)
      || a.name.localeCompare(b.name));
  }

  const where = a => a.port ? t('console.wherePort', { building: a.building || a.gateway, pile: a.pile, port: a.port })
    : a.pile ? t('console.wherePile', { building: a.building || a.gateway, pile: a.pile })
      : t('console.whereArea', { building: a.building || a.gateway, area: a.area || a.source });

  /** The reading that raised it, rounded; a fire input or a smoke detector by name. */
  function reading(r) {
    const parts = [];
    if (!r) return '';
    if (r.input) parts.push(t('console.fireInput', { input: r.input }));
    if (r.smoke) parts.push(t('console.pileSmoke'));
    if (r.powerW !== undefined && r.powerW !== null) parts.push(Anju.watts(r.powerW));
    if (r.temperatureC !== undefined && r.temperatureC !== null) parts.push(Anju.celsius(r.temperatureC));
    if (r.voltageV !== undefined && r.voltageV !== null) parts.push(Anju.volts(r.voltageV));
    return parts.length ? t('console.reading', { values: parts.join(sep()) }) : '';
  }

  function alarm(a) {
    const severity = t(`alarm.severity.${a.severity}`), kind = t('alarm.' + a.kind);
    // a fire alarm of severity FIRE: say 火警 once, not "火警 · 火警"
    const same = severity.toLowerCase() === kind.toLowerCase();
    return {
      title: same ? t('console.alarmLineOne', { severity, where: where(a) }) : t('console.alarmLine', { severity, kind, where: where(a) }),
      announce: same ? t('console.announceOne', { severity, where: where(a) }) : t('console.announce', { severity, kind, where: where(a) }),
      raised: t('console.raisedAt', { time: Anju.time(a.raisedAt), age: Anju.age(a.raisedAt) }),
      ack: a.acknowledgedBy ? t('console.ackBy', { who: a.acknowledgedByName || a.acknowledgedBy, time: a.acknowledgedAt ? Anju.time(a.acknowledgedAt) : '' })
        : t('console.notAcked'),
      reading: reading(a.reading),
      urgent: (a.severity === 'FIRE' || a.severity === 'CRITICAL') && a.state === 'RAISED',
    };
  }

  const orderAlarms = list => list.slice().sort((a, b) => (SEVERITY[a.severity] ?? 9) - (SEVERITY[b.severity] ?? 9)
    || b.raisedAt - a.raisedAt);

  /** The confirmation before switching off or on, naming what: the port, or the area's ports and how many charge. */
  function confirmCutPort(building, p) {
    return t('console.confirmCutPort', { building, pile: p.pile, port: p.port,
      charging: p.powerW > NO_LOAD_W ? t('console.portCharging', { power: Anju.watts(p.powerW) }) : t('console.portIdle') });
  }
  function confirmCutArea(building, area, ports) {
    return t('console.confirmCutArea', { building, area, ports: ports.length || '?',
      charging: ports.filter(p => p.state === 'Charging').length });
  }
  function confirmRestore(building, area, held) {
    return held.length ? t('console.confirmRestore', { building, area,
      ports: held.map(p => p.pile + ' #' + p.port + ' (' + reason(p.hold.reason) + ')').join(Anju.lang() === 'zh' ? '、' : ', ') })
      : t('console.confirmRestoreNone', { building, area });
  }

  /** The overview's buildings that match the officer's filter, problems first, a page at a time. */
  function overviewPage(buildings, text, problemsOnly, page, size) {
    const q = (text || '').trim().toLowerCase();
    const problem = b => b.alarms > 0 || !b.online || b.held > 0;
    const matching = buildings.filter(b => (!q || b.building.toLowerCase().includes(q) || (b.name || '').toLowerCase().includes(q))
      && (!problemsOnly || problem(b)))
      .sort((a, b) => problem(b) - problem(a) || (SEVERITY[a.worstSeverity] ?? 9) - (SEVERITY[b.worstSeverity] ?? 9)
        || a.building.localeCompare(b.building));
    const pages = Math.max(1, Math.ceil(matching.length / size));
    const at = Math.min(Math.max(1, page), pages);
    return { rows: matching.slice((at - 1) * size, at * size), page: at, pages, problem };
  }

  return { key, pileKey, tile, pileInfo, orderPiles, alarm, orderAlarms, where, confirmCutPort, confirmCutArea, confirmRestore,
    overviewPage, tempClass, NO_LOAD_W, HOT_C };
})();
