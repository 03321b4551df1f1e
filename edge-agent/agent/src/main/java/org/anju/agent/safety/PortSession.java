package org.anju.agent.safety;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.anju.agent.charging.ChargingSession;
import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.EnergyMeter;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.SessionLimits;
import org.anju.agent.charging.SessionRecord;
import org.anju.protocol.pile.CutReason;

/**
 * The life of the sessions on one port: a session starts when the relay is seen on with a plug
 * in, is metered by every reading, and ends when the port is seen delivering nothing (or
 * unplugged), with the reason the gateway cut it for, else the reason the pile gives. A pile that
 * rebooted mid-session (its counter started over and it gives no reason) is switched back on once,
 * if the limits allow; a session resumed after a gateway restart whose port is found off ended
 * because the gateway was away.
 */
final class PortSession {
    /** A remote start names its tenant if the relay is seen closed this soon after the request. */
    static final Duration START_REQUEST_VALID = Duration.ofSeconds(60);
    /** After a pile reboot the relay must be seen closed again this soon, or the session ends. */
    static final Duration RESUME_WINDOW = Duration.ofSeconds(30);

    private final String pileId;
    private final int port;
    private final SafetyLimits limits;
    private ChargingSession session;
    private EndReason pendingEnd;
    private String pendingEndBy;
    private boolean restartSeen;
    private boolean resumedOnce;
    private Instant resumeUntil;
    private boolean firstAfterRestart;
    private String startBy;
    private Instant startUntil;
    private SessionLimits startLimits = SessionLimits.NONE;

    PortSession(String pileId, int port, SafetyLimits limits) {
        this.pileId = pileId;
        this.port = port;
        this.limits = limits;
    }

    boolean open() {
        return session != null;
    }

    Optional<SessionRecord> record() {
        return Optional.ofNullable(session).map(ChargingSession::record);
    }

    Duration age(Instant now) {
        return session.age(now);
    }

    /**
     * The gateway cut the port: once it is seen off, the session ends for this reason (a hazard
     * wins), in the name of {@code by} when a person asked for it (else null).
     */
    void expectEnd(EndReason reason, String by) {
        if (session != null && (pendingEnd == null || (reason.isHazard() && !pendingEnd.isHazard()))) {
            pendingEnd = reason;
            pendingEndBy = by;
        }
    }

    /** Who started the open session, or a start asked for and not yet seen (null when neither). */
    String startedBy(Instant now) {
        if (session != null) {
            return session.record().startedBy();
        }
        return startBy != null && !now.isAfter(startUntil) ? startBy : null;
    }

    boolean endExpected() {
        return pendingEnd != null;
    }

    void startRequested(String by, Instant at, SessionLimits limits) {
        startBy = by;
        startUntil = at.plus(START_REQUEST_VALID);
        startLimits = limits;
    }

    /** The limits the tenant chose for the open session. */
    SessionLimits limits() {
        return session == null ? SessionLimits.NONE : session.record().limits();
    }

    long energyWh() {
        return session == null ? 0 : session.energyWh();
    }

    void resume(SessionRecord open) {
        session = ChargingSession.resume(open);
        firstAfterRestart = true;
    }

    /** What one reading did to the port's sessions: one ended (with this reason, else null), one started. */
    record Change(EndReason ended, boolean started) {
    }

    /**
     * Meters, ends and starts sessions from one reading.
     *
     * @param off   the port is confirmed not delivering (relay open, no more than the off watts)
     * @param held  the port is held off by its pile or area, so a rebooted pile is not switched back on
     */
    Change onReading(PortReading r, boolean off, boolean held, Decisions out) {
        boolean afterRestart = firstAfterRestart;
        firstAfterRestart = false;
        EndReason ended = null;
        if (session != null) {
            meter(r, out);
            ended = endIfOver(r, off, held, afterRestart, out);
        }
        if (session == null && r.plugged() && !off) {
            boolean requested = startBy != null && !r.at().isAfter(startUntil);
            session = ChargingSession.start(r, requested ? startBy : SessionRecord.STARTED_AT_PILE,
                    requested ? startLimits : SessionLimits.NONE);
            startBy = null;
            startLimits = SessionLimits.NONE;
            resumedOnce = false;
            out.event(new SafetyDecision.SessionStarted(session.record()));
            return new Change(ended, true);
        }
        return new Change(ended, false);
    }

    private void meter(PortReading r, Decisions out) {
        EnergyMeter.Jump jump = session.meter(r, limits.meterPlausibleWatts());
        String source = PortReading.source(pileId, port);
        if (jump.isRestart()) {
            restartSeen = true;
            out.event(new SafetyDecision.Warn(source, WarningKind.PILE_RESTARTED, "energy counter started over at "
                    + r.energyCounterWh() + " Wh (" + jump + "); session energy carries on from "
                    + session.energyWh() + " Wh", r));
        } else if (jump == EnergyMeter.Jump.IMPLAUSIBLE) {
            out.event(new SafetyDecision.Warn(source, WarningKind.METER_JUMP, "energy counter jumped to "
                    + r.energyCounterWh() + " Wh, more than the port could have drawn; not counted", r));
        }
    }

    private EndReason endIfOver(PortReading r, boolean off, boolean held, boolean afterRestart, Decisions out) {
        if (resumeUntil != null && r.plugged()) {
            if (r.relayClosed()) {
                resumeUntil = null; // back on after the pile's reboot
            } else if (r.at().isAfter(resumeUntil)) {
                return end(EndReason.DEVICE_FAULT, r, out);
            }
            return null;
        }
        if (r.plugged() && !off) {
            return null; // still delivering
        }
        EndReason reason;
        if (pendingEnd != null) {
            reason = pendingEnd;
        } else if (!r.plugged()) {
            reason = EndReason.UNPLUGGED;
        } else if (restartSeen && r.pileCutReason() == CutReason.NONE && !afterRestart) {
            if (limits.resumeAfterPileReboot() && !held && !resumedOnce) {
                resumedOnce = true;
                restartSeen = false;
                resumeUntil = r.at().plus(RESUME_WINDOW);
                out.command(new SafetyDecision.ClosePort(pileId, port,
                        SafetyDecision.CloseReason.RESUME_AFTER_PILE_REBOOT, session.record().startedBy()));
                return null;
            }
            reason = EndReason.DEVICE_FAULT; // rebooting again, or not to be switched back on
        } else {
            reason = EndReason.ofPileCut(r.pileCutReason(), afterRestart);
        }
        return end(reason, r, out);
    }

    private EndReason end(EndReason reason, PortReading r, Decisions out) {
        out.event(new SafetyDecision.SessionEnded(session.end(reason, reason == pendingEnd ? pendingEndBy : null, r.at())));
        session = null;
        pendingEnd = null;
        pendingEndBy = null;
        restartSeen = false;
        resumeUntil = null;
        return reason;
    }
}
