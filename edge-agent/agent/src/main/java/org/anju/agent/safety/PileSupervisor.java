package org.anju.agent.safety;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.Reading;
import org.anju.agent.charging.SessionRecord;

/**
 * One pile: a {@link PortSupervisor} per port, the pile's temperature levels and trend, the
 * pile-level early warning (heating its load does not explain), its own alarm bits and its
 * heartbeat. Smoke is the area's business ({@link AreaSupervisor}); {@link ChargingSafety} feeds
 * pile readings to both. Not thread-safe: confine it to one thread.
 */
public final class PileSupervisor {
    private final PileSite site;
    private final List<PortSupervisor> ports = new ArrayList<>();
    private final java.util.Map<Integer, PortSupervisor> byNumber = new java.util.HashMap<>();
    private final TemperatureRules temperature;
    private final HeatingDetector heating;
    private final UnloadedHeating unloaded;
    private final HeartbeatWriter heartbeat;
    private final AlarmBoard alarms;
    private boolean overTemperatureHold;
    private boolean feederEscalated;
    private PileReading last;
    /** The pile's recent readings as its detectors took them, for a restart to replay. */
    private final java.util.ArrayDeque<RulesMemory.PileSample> history = new java.util.ArrayDeque<>();
    private final java.time.Duration keep;
    private TemperatureRules.Levels levels = new TemperatureRules.Levels(false, false, false, 0, "");
    private String heatingDetail = "";
    private Reading heatingCause;

    public PileSupervisor(PileSite site) {
        this.site = site;
        for (int p : site.ports()) {
            PortSupervisor port = new PortSupervisor(site.pileId(), p, site.limits(), site.anomaly(), site.feeder());
            ports.add(port);
            byNumber.put(p, port);
        }
        this.temperature = new TemperatureRules(site.limits());
        this.heating = new HeatingDetector(site.anomaly());
        this.unloaded = new UnloadedHeating(site.anomaly(), site.limits().temperatureWarnC());
        this.heartbeat = new HeartbeatWriter(site.pileId(), site.limits().heartbeatInterval());
        this.keep = java.util.stream.Stream.of(site.anomaly().loadSettle().plus(site.anomaly().loadSettle().dividedBy(4)),
                site.limits().trendWindow(), site.anomaly().heatingWindow()).max(java.time.Duration::compareTo).orElseThrow();
        this.alarms = new AlarmBoard(site.pileId(), site.limits().alarmClearAfter());
    }

    public List<SafetyDecision> onPortReading(PortReading r) {
        Decisions out = new Decisions();
        addAll(out, port(r.port()).onReading(r));
        return out.toList();
    }

    /**
     * Evaluates the pile's own reading: temperature, alarm bits, early warning, and the heartbeat
     * (written only while readings keep coming, see {@link HeartbeatWriter}). A reading older than
     * the last (a clock set back) is evaluated at the last reading's time, except by the heartbeat,
     * which must keep going whatever the clock does.
     */
    public List<SafetyDecision> onPileReading(PileReading reading) {
        if (!reading.pileId().equals(site.pileId())) {
            throw new IllegalArgumentException("reading for " + reading.pileId() + " given to pile " + site.pileId());
        }
        PileReading r = last != null && reading.at().isBefore(last.at()) ? reading.withAt(last.at()) : reading;
        last = r;
        Decisions out = new Decisions();
        heartbeat.onPileReading(reading.at()).ifPresent(out::command);
        levels = temperature.onReading(r);
        if (levels.cut() && !overTemperatureHold) {
            overTemperatureHold = true;
            for (PortSupervisor p : ports) {
                addAll(out, p.hold(EndReason.OVER_TEMPERATURE, r, true));
            }
        } else if (!levels.cut() && overTemperatureHold) {
            overTemperatureHold = false;
            ports.forEach(p -> p.release(EndReason.OVER_TEMPERATURE));
        }
        RulesMemory.PileSample sample = new RulesMemory.PileSample(r.at(), r.temperatureC(),
                ports.stream().mapToDouble(PortSupervisor::watts).sum(), ports.stream().allMatch(PortSupervisor::readsOff));
        detect(sample, r);
        reportAlarms(r, r.at(), out);
        return out.toList();
    }

    /** The early warning's and the fire's detectors take one sample; the trend took it with the levels. */
    private void detect(RulesMemory.PileSample sample, PileReading r) {
        if (history.isEmpty() || sample.at().isAfter(history.peekLast().at())) {
            history.addLast(sample);
            while (history.peekFirst().at().isBefore(sample.at().minus(keep))) {
                history.removeFirst();
            }
        }
        Optional<String> found = heating.onReading(sample.at(), sample.temperatureC(), sample.loadWatts());
        if (found.isPresent()) {
            heatingDetail = found.get() + "; ports with a battery: " + pluggedPorts();
            heatingCause = r;
        }
        unloaded.onReading(sample.at(), sample.temperatureC(), sample.everyRelayOpen());
    }

    /** What a restart must not forget of this pile and its ports' sessions. */
    RulesMemory.PileMemory memory(java.time.Duration spacing) {
        List<RulesMemory.PileSample> samples = new ArrayList<>();
        Instant lastKept = null;
        for (RulesMemory.PileSample s : history) {
            if (lastKept == null || !s.at().isBefore(lastKept.plus(spacing)) || s == history.peekLast()) {
                samples.add(s);
                lastKept = s.at();
            }
        }
        java.util.Map<Integer, RulesMemory.PortMemory> portMemory = new java.util.LinkedHashMap<>();
        ports.forEach(p -> p.memory(spacing).ifPresent(m -> portMemory.put(p.port(), m)));
        return new RulesMemory.PileMemory(site.pileId(), samples, portMemory);
    }

    /**
     * After a restart (sessions resumed first): replays the pile's recent readings into its
     * detectors, which so see the ramp they were watching, and carries on its ports' sessions'
     * timers and curves. Nothing is decided here: the next reading judges.
     */
    void restore(RulesMemory.PileMemory m, Instant now) {
        for (RulesMemory.PileSample s : m.samples()) {
            if (!s.at().isAfter(now)) {
                PileReading replayed = new PileReading(site.pileId(), s.at(), s.temperatureC(), false, 0);
                temperature.onReading(replayed);
                detect(s, replayed);
            }
        }
        m.ports().forEach((port, pm) -> {
            if (byNumber.containsKey(port)) {
                byNumber.get(port).restore(pm);
            }
        });
    }

    /**
     * Whether the pile heats on with every relay open and nothing flowing, as its last reading
     * showed: a fire, which {@link ChargingSafety} hands to the pile's area as a fire input.
     */
    public boolean heatingWithEveryRelayOpen() {
        return unloaded.active();
    }

    /** What the last confirmed heating with every relay open was, for the fire alarm. */
    String unloadedHeatingDetail() {
        return "pile " + site.pileId() + " heats on with no load to explain it (" + unloaded.detail() + ")";
    }

    /** Time passed without readings: cut deadlines and alarm clears. */
    public List<SafetyDecision> tick(Instant now) {
        Decisions out = new Decisions();
        for (PortSupervisor p : ports) {
            addAll(out, p.tick(now));
        }
        alarms.tick(now, out);
        return out.toList();
    }

    /**
     * Every port must stay off for {@code reason} (a fire in the pile's area) until released.
     *
     * @param command whether to send the cuts; false when a {@link SafetyDecision.CutArea} already does
     */
    public List<SafetyDecision> holdAll(EndReason reason, Reading cause, boolean command) {
        Decisions out = new Decisions();
        for (PortSupervisor p : ports) {
            addAll(out, p.hold(reason, cause, command));
        }
        return out.toList();
    }

    public void releaseAll(EndReason reason) {
        ports.forEach(p -> p.release(reason));
    }

    public List<SafetyDecision> requestStart(int port, String by, Instant at) {
        return port(port).requestStart(by, at);
    }

    public List<SafetyDecision> requestStart(int port, String by, Instant at, org.anju.agent.charging.SessionLimits chosen) {
        return port(port).requestStart(by, at, chosen);
    }

    /** Whether this pile or one of its ports has an open alarm with this id. */
    public boolean owns(String alarmId) {
        return alarms.find(alarmId).isPresent() || ports.stream().anyMatch(p -> p.owns(alarmId));
    }

    public List<SafetyDecision> acknowledge(String alarmId, String by, Instant at) {
        Decisions out = new Decisions();
        if (!alarms.acknowledge(alarmId, by, at, out)) {
            for (PortSupervisor p : ports) {
                if (p.owns(alarmId)) {
                    out.addAll(p.acknowledge(alarmId, by, at));
                }
            }
        }
        return out.toList();
    }

    /** Carries on a session persisted before the gateway restarted. */
    public void resume(SessionRecord open) {
        port(open.port()).resume(open);
    }

    /** Puts back an alarm of this pile or its ports that was open when the gateway stopped. */
    public void restore(Alarm alarm) {
        alarms.restore(alarm);
        ports.forEach(p -> p.restore(alarm));
    }

    public List<SessionRecord> openSessions() {
        List<SessionRecord> open = new ArrayList<>();
        ports.forEach(p -> p.session().ifPresent(open::add));
        return open;
    }

    public List<Alarm> openAlarms() {
        List<Alarm> open = new ArrayList<>(alarms.openAlarms());
        ports.forEach(p -> open.addAll(p.openAlarms()));
        return open;
    }

    public PortSupervisor port(int port) {
        PortSupervisor p = byNumber.get(port);
        if (p == null) {
            throw new IllegalArgumentException("pile " + site.pileId() + " has ports " + numbers() + ", not " + port);
        }
        return p;
    }

    /** "1-10", or the list when the numbers have gaps (a relay board's socket channels). */
    private String numbers() {
        List<Integer> n = site.ports();
        boolean run = n.get(n.size() - 1) - n.get(0) == n.size() - 1;
        return run ? n.get(0) + "-" + n.get(n.size() - 1) : n.toString();
    }

    public PileSite site() {
        return site;
    }

    private void reportAlarms(PileReading r, Instant at, Decisions out) {
        SafetyLimits l = site.limits();
        // a detail is read only when its alarm is raised: not formatted on every reading of a cool pile
        String hot = !levels.cut() ? "" : r.firmwareOverTemperature() && r.temperatureC() < l.temperatureCutC()
                ? String.format(Locale.ROOT, "the pile's firmware reports over-temperature (%.1f degC read): every port commanded off",
                        r.temperatureC())
                : String.format(Locale.ROOT, "%.1f degC, at or above the %.0f degC cut level: every port commanded off",
                        r.temperatureC(), l.temperatureCutC());
        alarms.report(AlarmKind.OVER_TEMPERATURE, levels.cut(), r, hot, at, out);
        alarms.report(AlarmKind.TEMPERATURE_HIGH, levels.warn(), r, !levels.warn() ? "" : String.format(Locale.ROOT,
                "%.1f degC, at or above the %.0f degC warning level", r.temperatureC(), l.temperatureWarnC()), at, out);
        alarms.report(AlarmKind.TEMPERATURE_RISING, levels.rising(), r, levels.risingDetail(), at, out);
        alarms.report(AlarmKind.BATTERY_ANOMALY, heating.active(), heating.active() ? heatingCause : r, heatingDetail,
                at, out);
        alarms.report(AlarmKind.PILE_WATCHDOG_TRIPPED, r.watchdogTripped(), r, "the pile's watchdog opened every "
                + "relay: it missed the gateway's heartbeat", at, out);
    }

    private String pluggedPorts() {
        String list = ports.stream().filter(PortSupervisor::plugged).map(p -> String.valueOf(p.port()))
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    /** Adds a port's decisions, passing on at most one feeder cut per failure episode of the pile. */
    private void addAll(Decisions out, List<SafetyDecision> decisions) {
        if (ports.stream().noneMatch(PortSupervisor::switchFailed)) {
            feederEscalated = false;
        }
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.EscalateFeederCut) {
                if (feederEscalated) {
                    continue;
                }
                feederEscalated = true;
            }
            out.addAll(List.of(d));
        }
    }
}
