package org.anju.agent.safety;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.Reading;
import org.anju.agent.charging.Request;
import org.anju.agent.charging.SessionLimits;
import org.anju.agent.charging.SessionRecord;

/**
 * One charging port: its sessions ({@link PortSession}), the port rules ({@link PortRules}),
 * cut verification ({@link CutVerifier}) with escalation to the pile's feeder, its alarms and its
 * OCPP status. Feed it every reading of its port; it answers with decisions, commands first.
 * Holds from the pile (too hot) or the area (fire) keep it off while they last. Time comes in
 * with each reading and with {@link #tick}; there are no threads or timers. Not thread-safe:
 * confine it to one thread.
 */
public final class PortSupervisor {
    private final String pileId;
    private final int port;
    private final SafetyLimits limits;
    private final String feeder;
    private final PortSession session;
    private final PortRules rules;
    private final CutVerifier verifier;
    private final AlarmBoard alarms;
    private final PortStatusTracker status = new PortStatusTracker();
    /** What keeps the port off, by reason, each with since when and by whom. */
    private final EnumMap<EndReason, PortHold> holds = new EnumMap<>(EndReason.class);
    private PortReading last;
    private Reading cutCause;
    /** A person's cut of a port that read off before it, waiting for a reading to confirm it off; else null. */
    private OffWatch offWatch;
    private Condition overload = Condition.NONE;
    private Condition batteryAnomaly = Condition.NONE;
    /** Since when the port has been live with nothing plugged in; null when it is not. */
    private Instant liveUnpluggedSince;
    /**
     * The session's metering when a restart carried its full-charge timer over: the first reading
     * after it says from the counter whether the port drew full power while the gateway was away.
     */
    private SessionRecord carriedTimer;

    /** A cut asked for while the port read off: its reason, the request, and until when it may take. */
    private record OffWatch(EndReason reason, Request request, Instant until) {
    }

    /** A live alarm condition with the reading and words it was first seen with. */
    private record Condition(boolean active, Reading cause, String detail) {
        static final Condition NONE = new Condition(false, null, "");
    }

    /**
     * @param feeder the output that cuts this pile's supply, or null if the site has none
     */
    public PortSupervisor(String pileId, int port, SafetyLimits limits, AnomalySettings anomaly, String feeder) {
        this.pileId = pileId;
        this.port = port;
        this.limits = limits;
        this.feeder = feeder;
        this.session = new PortSession(pileId, port, limits);
        this.rules = new PortRules(limits, anomaly);
        this.verifier = new CutVerifier(limits);
        this.alarms = new AlarmBoard(PortReading.source(pileId, port), limits.alarmClearAfter());
    }

    /**
     * Evaluates one reading of this port. A reading older than the last (a wall clock set back) is
     * taken as happening at the last reading's time: the instant rules (overload, holds, unplug)
     * keep working, and timed ones wait for the clock to catch up rather than misfire.
     */
    public List<SafetyDecision> onReading(PortReading reading) {
        if (!reading.pileId().equals(pileId) || reading.port() != port) {
            throw new IllegalArgumentException("reading for " + reading.source() + " given to " + source());
        }
        PortReading r = last != null && reading.at().isBefore(last.at()) ? reading.withAt(last.at()) : reading;
        Decisions out = new Decisions();
        if (offWatch != null && !verifier.off(r)) {
            // it read off before the cut and is on now (switched on at the pile meanwhile): the cut
            // sent with the request is a real one, verified like any other
            OffWatch w = offWatch;
            expectOff(w.reason(), w.request().by(), w.request(), r.at(), out);
        }
        if (verifier.onReading(r)) {
            out.command(new SafetyDecision.CutPort(pileId, port, verifier.reason(), r));
        }
        onFailure(verifier.takeNewFailure(), r, out);
        settle(r.at(), out);
        if (offWatch != null) {
            offWatch = null;
            out.event(new SafetyDecision.CutSettled(pileId, port, SafetyDecision.Settlement.ALREADY_OFF, "", r.at()));
        }
        PortSession.Change change = session.onReading(r, !delivering(r), !holds.isEmpty(), out);
        checkCarriedTimer(r);
        if (change.ended() == EndReason.OVERLOAD && !overload.active()) {
            overload = new Condition(true, r, "the pile's firmware cut the port for overload");
        }
        if (change.ended() != null && batteryAnomaly.active()) {
            batteryAnomaly = new Condition(false, batteryAnomaly.cause(), ""); // latched until acknowledged
        }
        if (change.started()) {
            rules.newSession();
        }
        applyRules(r, out);
        cutIfLiveUnplugged(r, change.ended() != null, out);
        if (!r.plugged()) {
            overload = Condition.NONE; // the faulty charger has gone
        }
        last = r;
        reportAlarms(r, r.at(), out);
        reportStatus(r, out);
        return out.toList();
    }

    /** Time passed without a reading: cut deadlines and alarm clears are judged at {@code now}. */
    public List<SafetyDecision> tick(Instant now) {
        Decisions out = new Decisions();
        verifier.onTick(now);
        Reading cause = last != null ? last : cutCause;
        if (cause != null) {
            onFailure(verifier.takeNewFailure(), cause, out);
            reportAlarms(cause, now, out);
        }
        settle(now, out);
        if (offWatch != null && now.isAfter(offWatch.until())) {
            offWatch = null;
            out.event(new SafetyDecision.CutSettled(pileId, port, SafetyDecision.Settlement.NOT_OFF,
                    "no reading of the port in the " + limits.cutVerifyTimeout().toSeconds() + " s after the cut command: "
                            + "it last read off at " + CutRequests.seconds(last.at()) + ", but that cannot be confirmed now", now));
        }
        alarms.tick(now, out);
        return out.toList();
    }

    /** A tenant (or operator) asks to start charging: close the relay, or say why not. */
    public List<SafetyDecision> requestStart(String by, Instant at) {
        return requestStart(by, at, SessionLimits.NONE);
    }

    /**
     * As {@link #requestStart(String, Instant)}, with the limits the person chose for this charge;
     * a chosen time longer than the site's maximum session gives way to it.
     */
    public List<SafetyDecision> requestStart(String by, Instant at, SessionLimits chosen) {
        String refusal = null;
        if (!holds.isEmpty()) {
            refusal = "the port is held off: " + topHold();
        } else if (verifier.failed()) {
            refusal = "the port's relay failed to open when cut and must be repaired first";
        } else if (overload.active()) {
            refusal = "the port was cut for overload; unplug the charger and have it checked";
        } else if (session.open()) {
            refusal = "a session is already running on this port";
        } else if (last == null) {
            refusal = "the port has not been read yet";
        } else if (!last.plugged()) {
            refusal = "nothing is plugged into the port";
        }
        if (refusal != null) {
            return List.of(new SafetyDecision.StartRefused(pileId, port, by, refusal));
        }
        session.startRequested(by, at, chosen.within(limits.maxSession()));
        return List.of(new SafetyDecision.ClosePort(pileId, port, SafetyDecision.CloseReason.START_REQUESTED, by));
    }

    /**
     * A stop: the relay opens at once, whatever is known of the port (see {@link #requestCut}).
     * With {@code tenant} (a tenant's phone), only a charge that tenant started is stopped: another's
     * is refused, with a reason that names nobody. Without (the landlord, an officer, an operator on
     * site), any charge is stopped.
     *
     * @param by who asked, for the record: the tenant, or the person asking for them
     */
    public List<SafetyDecision> requestStop(String tenant, String by, Instant at) {
        if (tenant != null) {
            String owner = session.startedBy(at);
            String refusal = null;
            if (owner != null && !owner.equals(tenant)) {
                refusal = (owner.equals(SessionRecord.STARTED_AT_PILE) ? "this charge was started at the pile"
                        : "this charge was started by another tenant")
                        + "; only they, the building's landlord or a fire safety officer can stop it";
            } else if (owner == null && !knownOff()) {
                refusal = "no charge of yours is recorded on this port";
            }
            if (refusal != null) {
                return List.of(new SafetyDecision.StopRefused(pileId, port, tenant, refusal));
            }
        }
        return requestCut(EndReason.REMOTE_STOP, new Request(source(), "charge.stop", by, at));
    }

    /**
     * A person's stop or cut: the relay opens now, at command priority, whatever the supervisor
     * knows of the port (not read since start, a session resumed, a cut already under way),
     * because opening a relay is always safe. The port is then read back, and a
     * {@link SafetyDecision.CutSettled} says how it ended: off, off already (it read off before
     * the cut), or not off by the deadline. The session ends for {@code reason} in the name of the
     * person who asked.
     */
    public List<SafetyDecision> requestCut(EndReason reason, Request request) {
        Decisions out = new Decisions();
        out.command(new SafetyDecision.CutPort(pileId, port, reason, request));
        if (knownOff()) {
            offWatch = new OffWatch(reason, request, request.at().plus(limits.cutVerifyTimeout()));
            out.command(new SafetyDecision.VerifyCut(pileId, port, offWatch.until()));
        } else {
            expectOff(reason, request.by(), request, request.at(), out);
        }
        return out.toList();
    }

    /**
     * The pile or the area says this port must stay off for {@code reason} until released.
     *
     * @param command whether to send the cut (false when a {@link SafetyDecision.CutArea} already does)
     */
    List<SafetyDecision> hold(EndReason reason, Reading cause, boolean command) {
        return hold(reason, cause, null, command);
    }

    /** As {@link #hold(EndReason, Reading, boolean)}, in the name of the person ({@code by}) who asked for it. */
    List<SafetyDecision> hold(EndReason reason, Reading cause, String by, boolean command) {
        holds.putIfAbsent(reason, new PortHold(reason, cause.at(), by));
        Decisions out = new Decisions();
        if (last == null || delivering(last) || session.open()) {
            if (command) {
                cut(reason, cause, cause.at(), out);
            } else {
                expectOff(reason, null, cause, cause.at(), out);
            }
        }
        return out.toList();
    }

    /** A person's cut ({@link #requestCut}) that keeps the port off afterwards, in their name, until released. */
    void holdCut(EndReason reason, Request request) {
        holds.putIfAbsent(reason, new PortHold(reason, request.at(), request.by()));
    }

    /** Releases the hold for {@code reason}; true if there was one. */
    boolean release(EndReason reason) {
        return holds.remove(reason) != null;
    }

    /** What keeps this port off now, the most serious first (a fire before the rest); empty when nothing does. */
    public Optional<PortHold> hold() {
        return holds.isEmpty() ? Optional.empty() : Optional.of(holds.get(topHold()));
    }

    /** Carries on a session persisted before the gateway restarted. */
    public void resume(SessionRecord open) {
        if (!open.pileId().equals(pileId) || open.port() != port) {
            throw new IllegalArgumentException("session " + open.sessionId() + " is not for " + source());
        }
        session.resume(open);
        rules.newSession();
    }

    /** Puts back an alarm that was open when the gateway stopped. */
    public void restore(Alarm alarm) {
        alarms.restore(alarm);
    }

    /** The rules' view of the running session, to carry over a restart; empty without a session. */
    Optional<RulesMemory.PortMemory> memory(java.time.Duration spacing) {
        return session.record().map(r -> rules.memory(r.sessionId(), spacing));
    }

    /**
     * After {@link #resume}: carries on the session's full-charge timer and power curve from before
     * the restart, if they are this session's. Whether the port stayed below the full-charge power
     * while the gateway was away is judged from the counter at the first reading: at or above it on
     * average, the wait starts over.
     */
    void restore(RulesMemory.PortMemory m) {
        Optional<SessionRecord> open = session.record();
        if (open.isPresent() && open.get().sessionId().equals(m.sessionId())) {
            rules.restore(m);
            carriedTimer = rules.fullTimerRunning() ? open.get() : null;
        }
    }

    private void checkCarriedTimer(PortReading r) {
        SessionRecord before = carriedTimer;
        carriedTimer = null;
        Optional<SessionRecord> now = session.record();
        if (before == null || now.isEmpty() || !now.get().sessionId().equals(before.sessionId())) {
            return;
        }
        double hours = java.time.Duration.between(before.meter().lastAt(), r.at()).toMillis() / 3_600_000.0;
        // the counter counts whole Wh: one more than was drawn may show across a short gap
        long drawnWh = Math.max(0, now.get().energyWh() - before.energyWh() - 1);
        if (hours > 0 && drawnWh / hours >= limits.fullChargeWatts()) {
            rules.restartFullTimer();
        }
    }

    /** Whether this port has an open alarm with this id. */
    public boolean owns(String alarmId) {
        return alarms.find(alarmId).isPresent();
    }

    /** A person acknowledged one of this port's alarms; nothing happens for an id it does not own. */
    public List<SafetyDecision> acknowledge(String alarmId, String by, Instant at) {
        Decisions out = new Decisions();
        alarms.acknowledge(alarmId, by, at, out);
        return out.toList();
    }

    public Optional<SessionRecord> session() {
        return session.record();
    }

    public List<Alarm> openAlarms() {
        return alarms.openAlarms();
    }

    /** Whether the port's relay failed to open and is still not confirmed off. */
    public boolean switchFailed() {
        return verifier.failed();
    }

    /** The last reading's watts (0 before any reading): the pile sums these into its load. */
    public double watts() {
        return last == null ? 0 : last.watts();
    }

    /** Whether the port was read and read off: relay open, at most the off watts flowing. */
    public boolean readsOff() {
        return last != null && !delivering(last);
    }

    /** Whether a battery is on the port (a candidate when the pile heats with no explanation). */
    public boolean plugged() {
        return last != null && last.plugged();
    }

    public String source() {
        return PortReading.source(pileId, port);
    }

    public int port() {
        return port;
    }

    private void applyRules(PortReading r, Decisions out) {
        if (!delivering(r) || verifier.armed() || session.endExpected()) {
            return;
        }
        if (!holds.isEmpty()) {
            out.event(new SafetyDecision.Warn(source(), WarningKind.CLOSED_DURING_HOLD, "port found on while held off ("
                    + topHold() + "); cut again", r));
            cut(topHold(), r, r.at(), out);
            return;
        }
        if (!session.open()) {
            return;
        }
        PortRules.Verdict v = rules.evaluate(r, session.age(r.at()), session.energyWh(), session.limits());
        if (v.cut() != null) {
            if (v.cut() == EndReason.OVERLOAD) {
                overload = new Condition(true, r, v.detail());
            }
            cut(v.cut(), r, r.at(), out);
        } else if (v.anomaly() != null) {
            batteryAnomaly = new Condition(true, r, v.anomaly());
        }
    }

    /**
     * A port live with nothing plugged in (a socket switched on that nothing draws from, since a
     * socket knows its plug only by what it draws; a pile whose relay stayed closed when the plug
     * came out) is switched off: at once when a session just ended on it, else once it has been so
     * for the time a person has to plug in after asking for a start.
     */
    private void cutIfLiveUnplugged(PortReading r, boolean sessionEnded, Decisions out) {
        if (!r.relayClosed() || r.plugged() || session.open() || verifier.armed() || !holds.isEmpty()) {
            liveUnpluggedSince = null;
            return;
        }
        if (liveUnpluggedSince == null) {
            liveUnpluggedSince = r.at();
        }
        if (sessionEnded || !r.at().isBefore(liveUnpluggedSince.plus(PortSession.START_REQUEST_VALID))) {
            liveUnpluggedSince = null;
            cut(EndReason.UNPLUGGED, r, r.at(), out);
        }
    }

    private void cut(EndReason reason, Reading cause, Instant at, Decisions out) {
        out.command(new SafetyDecision.CutPort(pileId, port, reason, cause));
        expectOff(reason, null, cause, at, out);
    }

    /**
     * The port has been commanded off: verify it, and end its session with this reason once it
     * is, in the name of {@code by} if a person asked (else null).
     */
    private void expectOff(EndReason reason, String by, Reading cause, Instant at, Decisions out) {
        offWatch = null;
        verifier.arm(at, reason);
        cutCause = cause;
        out.command(new SafetyDecision.VerifyCut(pileId, port, verifier.deadline()));
        session.expectEnd(reason, by);
    }

    /** Whether the last reading showed the port off, with no session and no cut under way: nothing to stop. */
    private boolean knownOff() {
        return last != null && !delivering(last) && !session.open() && !verifier.armed();
    }

    /** A commanded cut that ended (read back off, or failed) is settled for whoever waits on the port. */
    private void settle(Instant at, Decisions out) {
        CutVerifier.Settled settled = verifier.takeSettled();
        if (settled == CutVerifier.Settled.OFF) {
            out.event(new SafetyDecision.CutSettled(pileId, port, SafetyDecision.Settlement.OFF, "", at));
        } else if (settled == CutVerifier.Settled.FAILED) {
            out.event(new SafetyDecision.CutSettled(pileId, port, SafetyDecision.Settlement.NOT_OFF,
                    verifier.detail() + escalation(), at));
        }
    }

    /**
     * A relay that is proven stuck is always escalated; a cut that could not be checked (no
     * readings) only when it was cut for a hazard: for a full battery, the pile's watchdog will
     * open it anyway once the gateway cannot reach it.
     */
    private void onFailure(CutVerifier.Failure failure, Reading cause, Decisions out) {
        if (failure != CutVerifier.Failure.NONE && escalates() && feeder != null) {
            out.command(new SafetyDecision.EscalateFeederCut(pileId, feeder, cause));
        }
    }

    /** What was done about a failed cut, as the end of its detail. */
    private String escalation() {
        return !escalates() ? "" : feeder != null ? "; feeder " + feeder + " cut"
                : "; the site has no feeder output for this pile: isolate it by hand";
    }

    private boolean escalates() {
        return verifier.failure() == CutVerifier.Failure.STUCK
                || (verifier.reason() != null && verifier.reason().isHazard());
    }

    private void reportAlarms(Reading cause, Instant at, Decisions out) {
        alarms.report(AlarmKind.OVERLOAD, overload.active(), overload.active() ? overload.cause() : cause,
                overload.detail(), at, out);
        OcppErrorCode switchCode = verifier.failure() == CutVerifier.Failure.UNVERIFIED
                ? OcppErrorCode.OTHER_ERROR : OcppErrorCode.POWER_SWITCH_FAILURE;
        alarms.report(AlarmKind.CUT_FAILED, switchCode, verifier.failed(), cause, verifier.detail() + escalation(), at,
                out);
        alarms.report(AlarmKind.BATTERY_ANOMALY, batteryAnomaly.active(),
                batteryAnomaly.active() ? batteryAnomaly.cause() : cause, batteryAnomaly.detail(), at, out);
    }

    private void reportStatus(PortReading r, Decisions out) {
        PortStatusTracker.Status now;
        if (verifier.failed()) {
            now = new PortStatusTracker.Status(OcppStatus.FAULTED, OcppErrorCode.POWER_SWITCH_FAILURE, verifier.detail());
        } else if (overload.active()) {
            now = new PortStatusTracker.Status(OcppStatus.FAULTED, OcppErrorCode.OVER_CURRENT_FAILURE, overload.detail());
        } else if (holds.containsKey(EndReason.SMOKE_OR_FIRE)) {
            now = new PortStatusTracker.Status(OcppStatus.UNAVAILABLE, OcppErrorCode.OTHER_ERROR, "fire alarm in the area");
        } else if (holds.containsKey(EndReason.OFFICER_CUT)) {
            now = new PortStatusTracker.Status(OcppStatus.UNAVAILABLE, OcppErrorCode.OTHER_ERROR, "cut by a fire safety officer");
        } else if (holds.containsKey(EndReason.OVER_TEMPERATURE)) {
            now = new PortStatusTracker.Status(OcppStatus.UNAVAILABLE, OcppErrorCode.HIGH_TEMPERATURE, "pile too hot");
        } else {
            OcppErrorCode code = r.state() == OcppStatus.FAULTED ? OcppErrorCode.OTHER_ERROR : OcppErrorCode.NO_ERROR;
            now = new PortStatusTracker.Status(r.state(), code, "");
        }
        status.observe(now).ifPresent(s -> out.event(PortStatusTracker.decision(pileId, port, s, r.at())));
    }

    private boolean delivering(PortReading r) {
        return r.relayClosed() || r.watts() > limits.relayOffWatts();
    }

    private EndReason topHold() {
        return holds.containsKey(EndReason.SMOKE_OR_FIRE) ? EndReason.SMOKE_OR_FIRE : holds.keySet().iterator().next();
    }
}
