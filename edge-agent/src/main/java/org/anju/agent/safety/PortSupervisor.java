package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.anju.agent.charging.ChargingSession;
import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.EnergyMeter;
import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.Reading;
import org.anju.agent.charging.SessionRecord;
import org.anju.firmware.pile.CutReason;

/**
 * One charging port: its session (start, metering, end with a reason), the port rules (overload,
 * full charge, maximum time), cut verification and the power-curve early warning. Feed it every
 * reading of its port; it answers with decisions, commands first. Holds from the pile (too hot) or
 * the area (fire) keep it off while they last. Time comes in with each reading and with
 * {@link #tick}; there are no threads or timers. Not thread-safe: confine it to one thread.
 */
public final class PortSupervisor {
    /** A remote start names its tenant if the relay is seen closed this soon after the request. */
    static final Duration START_REQUEST_VALID = Duration.ofSeconds(60);
    /** After a pile reboot the relay must be seen closed again this soon, or the session ends. */
    static final Duration RESUME_WINDOW = Duration.ofSeconds(30);

    private final String pileId;
    private final int port;
    private final SafetyLimits limits;
    private final AnomalySettings anomaly;
    private final String feeder;
    private final AlarmBoard alarms;
    private final CutVerifier verifier;
    private final PortStatusTracker status = new PortStatusTracker();
    private final EnumSet<EndReason> holds = EnumSet.noneOf(EndReason.class);

    private ChargingSession session;
    private PowerCurveDetector detector;
    private PortReading last;
    private Reading cutCause;
    private EndReason pendingEnd;
    private Instant belowFullSince;
    private boolean restartSeen;
    private boolean resumedOnce;
    private Instant resumeUntil;
    private boolean firstAfterRestart;
    private String startBy;
    private Instant startUntil;
    private Condition overload = Condition.NONE;
    private Condition batteryAnomaly = Condition.NONE;

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
        this.anomaly = anomaly;
        this.feeder = feeder;
        this.alarms = new AlarmBoard(PortReading.source(pileId, port), limits.alarmClearAfter());
        this.verifier = new CutVerifier(limits);
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
        boolean afterRestart = firstAfterRestart;
        firstAfterRestart = false;
        if (session != null) {
            meter(r, out);
        }
        if (verifier.onReading(r)) {
            out.command(new SafetyDecision.CutPort(pileId, port, verifier.reason(), r));
        }
        onFailure(verifier.takeNewFailure(), r, out);
        if (session != null) {
            endIfOver(r, afterRestart, out);
        }
        if (session == null && r.plugged() && delivering(r)) {
            start(r, out);
        }
        applyRules(r, out);
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
        alarms.tick(now, out);
        return out.toList();
    }

    /** A tenant (or operator) asks to start charging: close the relay, or say why not. */
    public List<SafetyDecision> requestStart(String by, Instant at) {
        String refusal = null;
        if (!holds.isEmpty()) {
            refusal = "the port is held off: " + topHold();
        } else if (verifier.failed()) {
            refusal = "the port's relay failed to open when cut and must be repaired first";
        } else if (overload.active()) {
            refusal = "the port was cut for overload; unplug the charger and have it checked";
        } else if (session != null) {
            refusal = "a session is already running on this port";
        } else if (last == null) {
            refusal = "the port has not been read yet";
        } else if (!last.plugged()) {
            refusal = "nothing is plugged into the port";
        }
        if (refusal != null) {
            return List.of(new SafetyDecision.StartRefused(pileId, port, by, refusal));
        }
        startBy = by;
        startUntil = at.plus(START_REQUEST_VALID);
        return List.of(new SafetyDecision.ClosePort(pileId, port, SafetyDecision.CloseReason.START_REQUESTED, by));
    }

    /** A tenant or operator stops the session: cut and verify. */
    public List<SafetyDecision> requestStop(String by, Instant at) {
        if (last == null || (session == null && !delivering(last))) {
            return List.of();
        }
        Decisions out = new Decisions();
        cut(EndReason.REMOTE_STOP, last, at, out);
        return out.toList();
    }

    /**
     * The pile or the area says this port must stay off for {@code reason} until released.
     *
     * @param command whether to send the cut (false when a {@link SafetyDecision.CutArea} already does)
     */
    List<SafetyDecision> hold(EndReason reason, Reading cause, boolean command) {
        holds.add(reason);
        Decisions out = new Decisions();
        if (last == null || delivering(last) || session != null) {
            if (command) {
                cut(reason, cause, cause.at(), out);
            } else {
                expectOff(reason, cause, cause.at(), out);
            }
        }
        return out.toList();
    }

    void release(EndReason reason) {
        holds.remove(reason);
    }

    /** Carries on a session persisted before the gateway restarted. */
    public void resume(SessionRecord open) {
        if (!open.pileId().equals(pileId) || open.port() != port) {
            throw new IllegalArgumentException("session " + open.sessionId() + " is not for " + source());
        }
        session = ChargingSession.resume(open);
        detector = new PowerCurveDetector(anomaly);
        firstAfterRestart = true;
    }

    /** Puts back an alarm that was open when the gateway stopped. */
    public void restore(Alarm alarm) {
        alarms.restore(alarm);
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
        return Optional.ofNullable(session).map(ChargingSession::record);
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

    private void meter(PortReading r, Decisions out) {
        EnergyMeter.Jump jump = session.meter(r, limits.meterPlausibleWatts());
        if (jump.isRestart()) {
            restartSeen = true;
            out.event(new SafetyDecision.Warn(source(), WarningKind.PILE_RESTARTED, "energy counter started over at "
                    + r.energyCounterWh() + " Wh (" + jump + "); session energy carries on from "
                    + session.energyWh() + " Wh", r));
        } else if (jump == EnergyMeter.Jump.IMPLAUSIBLE) {
            out.event(new SafetyDecision.Warn(source(), WarningKind.METER_JUMP, "energy counter jumped to "
                    + r.energyCounterWh() + " Wh, more than the port could have drawn; not counted", r));
        }
    }

    private void endIfOver(PortReading r, boolean afterRestart, Decisions out) {
        if (resumeUntil != null && r.plugged()) {
            if (r.relayClosed()) {
                resumeUntil = null; // back on after the pile's reboot
            } else if (r.at().isAfter(resumeUntil)) {
                end(EndReason.DEVICE_FAULT, r, out);
            }
            return;
        }
        if (r.plugged() && !verifier.off(r)) {
            return; // still delivering
        }
        EndReason reason;
        if (pendingEnd != null) {
            reason = pendingEnd;
        } else if (!r.plugged()) {
            reason = EndReason.UNPLUGGED;
        } else if (restartSeen && r.pileCutReason() == CutReason.NONE && !afterRestart) {
            if (limits.resumeAfterPileReboot() && holds.isEmpty() && !resumedOnce) {
                resumedOnce = true;
                restartSeen = false;
                resumeUntil = r.at().plus(RESUME_WINDOW);
                out.command(new SafetyDecision.ClosePort(pileId, port,
                        SafetyDecision.CloseReason.RESUME_AFTER_PILE_REBOOT, session.record().startedBy()));
                return;
            }
            reason = EndReason.DEVICE_FAULT;
        } else {
            reason = EndReason.ofPileCut(r.pileCutReason(), afterRestart);
            if (reason == EndReason.OVERLOAD) {
                overload = new Condition(true, r, "the pile's firmware cut the port for overload");
            }
        }
        end(reason, r, out);
    }

    private void end(EndReason reason, PortReading r, Decisions out) {
        out.event(new SafetyDecision.SessionEnded(session.end(reason, r.at())));
        session = null;
        detector = null;
        pendingEnd = null;
        belowFullSince = null;
        restartSeen = false;
        resumeUntil = null;
        batteryAnomaly = batteryAnomaly.active() ? new Condition(false, batteryAnomaly.cause(), "") : Condition.NONE;
    }

    private void start(PortReading r, Decisions out) {
        boolean requested = startBy != null && !r.at().isAfter(startUntil);
        session = ChargingSession.start(r, requested ? startBy : SessionRecord.STARTED_AT_PILE);
        startBy = null;
        detector = new PowerCurveDetector(anomaly);
        resumedOnce = false;
        out.event(new SafetyDecision.SessionStarted(session.record()));
    }

    private void applyRules(PortReading r, Decisions out) {
        if (!delivering(r) || verifier.armed() || pendingEnd != null) {
            return;
        }
        if (!holds.isEmpty()) {
            out.event(new SafetyDecision.Warn(source(), WarningKind.CLOSED_DURING_HOLD, "port found on while held off ("
                    + topHold() + "); cut again", r));
            cut(topHold(), r, r.at(), out);
            return;
        }
        if (session == null) {
            return;
        }
        if (r.watts() > limits.overloadWatts()) {
            overload = new Condition(true, r, String.format(Locale.ROOT, "%.0f W drawn, above the %d W limit",
                    r.watts(), limits.overloadWatts()));
            cut(EndReason.OVERLOAD, r, r.at(), out);
            return;
        }
        if (session.age(r.at()).compareTo(limits.maxSession()) >= 0) {
            cut(EndReason.MAX_TIME, r, r.at(), out);
            return;
        }
        if (r.watts() < limits.fullChargeWatts()) {
            belowFullSince = belowFullSince == null ? r.at() : belowFullSince;
            if (Duration.between(belowFullSince, r.at()).compareTo(limits.fullChargeTime()) >= 0) {
                cut(EndReason.FULL, r, r.at(), out);
                return;
            }
        } else {
            belowFullSince = null;
        }
        if (r.relayClosed()) {
            detector.onReading(r.at(), r.watts()).ifPresent(d -> batteryAnomaly = new Condition(true, r, d));
        }
    }

    private void cut(EndReason reason, Reading cause, Instant at, Decisions out) {
        out.command(new SafetyDecision.CutPort(pileId, port, reason, cause));
        expectOff(reason, cause, at, out);
    }

    /** The port has been commanded off: verify it, and end its session with this reason once it is. */
    private void expectOff(EndReason reason, Reading cause, Instant at, Decisions out) {
        verifier.arm(at, reason);
        cutCause = cause;
        out.command(new SafetyDecision.VerifyCut(pileId, port, verifier.deadline()));
        if (session != null && (pendingEnd == null || (reason.isHazard() && !pendingEnd.isHazard()))) {
            pendingEnd = reason;
        }
    }

    private void onFailure(CutVerifier.Failure failure, Reading cause, Decisions out) {
        if (failure == CutVerifier.Failure.NONE) {
            return;
        }
        boolean escalate = failure == CutVerifier.Failure.STUCK
                || (verifier.reason() != null && verifier.reason().isHazard());
        if (escalate && feeder != null) {
            out.command(new SafetyDecision.EscalateFeederCut(pileId, feeder, cause));
        }
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

    private String escalation() {
        if (verifier.failure() == CutVerifier.Failure.UNVERIFIED
                && (verifier.reason() == null || !verifier.reason().isHazard())) {
            return "";
        }
        return feeder != null ? "; feeder " + feeder + " cut" : "; the site has no feeder output for this pile: "
                + "isolate it by hand";
    }

    private void reportStatus(PortReading r, Decisions out) {
        PortStatusTracker.Status now;
        if (verifier.failed()) {
            now = new PortStatusTracker.Status(OcppStatus.FAULTED, OcppErrorCode.POWER_SWITCH_FAILURE, verifier.detail());
        } else if (overload.active()) {
            now = new PortStatusTracker.Status(OcppStatus.FAULTED, OcppErrorCode.OVER_CURRENT_FAILURE, overload.detail());
        } else if (holds.contains(EndReason.SMOKE_OR_FIRE)) {
            now = new PortStatusTracker.Status(OcppStatus.UNAVAILABLE, OcppErrorCode.OTHER_ERROR, "fire alarm in the area");
        } else if (holds.contains(EndReason.OVER_TEMPERATURE)) {
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
        return holds.contains(EndReason.SMOKE_OR_FIRE) ? EndReason.SMOKE_OR_FIRE : holds.iterator().next();
    }
}
