package org.anju.agent.safety;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.anju.agent.charging.EndReason;
import org.anju.agent.charging.OcppErrorCode;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.Reading;
import org.anju.agent.charging.SessionRecord;

/**
 * What the supervisors decide. Two families:
 * <ul>
 * <li><b>commands</b> for the bus and the doors ({@link CutPort}, {@link CutArea}, {@link ReleaseDoors},
 *     {@link EscalateFeederCut}, {@link ClosePort}, {@link VerifyCut}, {@link WriteHeartbeat}), which
 *     a supervisor always lists before its events so the wiring can put them on the wire first;</li>
 * <li><b>events</b> for the outbox (alarms, warnings, sessions, status changes), each carrying the
 *     reading that caused it.</li>
 * </ul>
 */
public sealed interface SafetyDecision {

    /** Commands go on the bus (or to the door controller) before anything is written to disk. */
    default boolean isCommand() {
        return false;
    }

    /** A decision that goes on the wire. */
    sealed interface Command extends SafetyDecision {
        @Override
        default boolean isCommand() {
            return true;
        }
    }

    /** Open this port's relay. A {@link VerifyCut} for it follows. */
    record CutPort(String pileId, int port, EndReason reason, Reading cause) implements Command {
        public CutPort {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * Open every relay of every pile in the area (one multiple-coil write per pile is quickest).
     * The piles' supervisors then expect the ports off and emit a {@link VerifyCut} for each.
     */
    record CutArea(String areaId, EndReason reason, List<String> piles, Reading cause) implements Command {
        public CutArea {
            piles = List.copyOf(piles);
        }
    }

    /** Release these fail-safe egress doors (named for the area in the site file). Re-locking is a person's call. */
    record ReleaseDoors(String areaId, List<String> doors, Reading cause) implements Command {
        public ReleaseDoors {
            doors = List.copyOf(doors);
        }
    }

    /**
     * Read this port back soon: the cut is confirmed by a reading showing the relay open and no
     * power by {@code deadline}. If the pile goes quiet, call {@code tick} after the deadline.
     */
    record VerifyCut(String pileId, int port, Instant deadline) implements Command {
    }

    /** A relay would not open: cut the pile's supply at this feeder output (from the site file). */
    record EscalateFeederCut(String pileId, String feeder, Reading cause) implements Command {
    }

    /** Write {@code value} to the pile's heartbeat register. */
    record WriteHeartbeat(String pileId, int value) implements Command {
    }

    /** Why the gateway closes a relay. */
    enum CloseReason { START_REQUESTED, RESUME_AFTER_PILE_REBOOT }

    /** Close this port's relay (a start someone asked for, or a session resumed after the pile rebooted). */
    record ClosePort(String pileId, int port, CloseReason why, String by) implements Command {
    }

    /** A start was refused; {@code reason} is for the person who asked. */
    record StartRefused(String pileId, int port, String by, String reason) implements SafetyDecision {
    }

    /** A tenant's stop was refused (the charge is not theirs); {@code reason} is for them, with no one else's data. */
    record StopRefused(String pileId, int port, String by, String reason) implements SafetyDecision {
    }

    /**
     * An officer restored a charging area: its fire (if any) is over and the ports in
     * {@code released} (pile/port) may be switched on again; {@code stillHeld} names those another
     * hold keeps off (a pile still too hot), empty when none.
     */
    record AreaRestored(String areaId, String by, List<String> released, List<String> stillHeld, Instant at)
            implements SafetyDecision {
        public AreaRestored {
            released = List.copyOf(released);
            stillHeld = List.copyOf(stillHeld);
        }
    }

    /** An officer's restore of an area was refused; {@code reason} says why (a fire input still active). */
    record RestoreRefused(String areaId, String by, String reason) implements SafetyDecision {
    }

    /** How a cut of a port ended. */
    enum Settlement {
        /** The port read back off (relay open, no more than the off watts). */
        OFF,
        /** It read off before the cut was sent, and off again after. */
        ALREADY_OFF,
        /** It did not read back off in time: a stuck relay, or no reading at all; {@code detail} says which. */
        NOT_OFF
    }

    /**
     * A cut of one port is settled: it read back off at {@code at}, or failed for {@code detail}.
     * {@link ChargingSafety} matches it to the stops and cuts waiting for the port.
     */
    record CutSettled(String pileId, int port, Settlement settlement, String detail, Instant at) implements SafetyDecision {
        public CutSettled {
            Objects.requireNonNull(settlement, "settlement");
            Objects.requireNonNull(at, "at");
        }

        public String source() {
            return org.anju.agent.charging.PortReading.source(pileId, port);
        }
    }

    /**
     * A person's stop or cut (with its {@code requestId}), or the cut of an area on fire (no
     * request id; {@code area} names it), is over: every port it covered is settled. {@code result}
     * is OFF when every port read back off, ALREADY_OFF when every one was off already, NOT_OFF
     * when any was not; {@code detail} says when, or which ports failed and why.
     */
    record CutCompleted(String requestId, String kind, String by, String area, Settlement result, String detail,
                        Instant at, List<CutSettled> ports) implements SafetyDecision {
        public CutCompleted {
            ports = List.copyOf(ports);
        }
    }

    record RaiseAlarm(Alarm alarm) implements SafetyDecision {
    }

    record AlarmAcknowledged(Alarm alarm) implements SafetyDecision {
    }

    record ClearAlarm(Alarm alarm) implements SafetyDecision {
    }

    /** Something worth an event that needs nobody to act: a pile restarted, a meter jumped. */
    record Warn(String source, WarningKind kind, String detail, Reading cause) implements SafetyDecision {
    }

    record SessionStarted(SessionRecord session) implements SafetyDecision {
    }

    record SessionEnded(SessionRecord session) implements SafetyDecision {
    }

    /** The port's status as the gateway sees it changed (an OCPP StatusNotification). */
    record PortStatusChanged(String pileId, int port, OcppStatus status, OcppErrorCode errorCode, String info,
                             Instant at) implements SafetyDecision {
    }
}
