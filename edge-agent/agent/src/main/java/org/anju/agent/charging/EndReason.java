package org.anju.agent.charging;

import org.anju.protocol.pile.CutReason;

/** Why a charging session ended. Also the reason the gateway gives when it cuts a port. */
public enum EndReason {
    FULL,
    UNPLUGGED,
    MAX_TIME,
    OVERLOAD,
    OVER_TEMPERATURE,
    SMOKE_OR_FIRE,
    REMOTE_STOP,
    /** A fire safety officer cut the port (or its whole area) from the park. */
    OFFICER_CUT,
    /** The limit the tenant chose at the start (an energy or a time, {@link SessionLimits}) was reached. */
    SESSION_LIMIT,
    DEVICE_FAULT,
    GATEWAY_RESTART;

    /**
     * Whether a cut for this reason stops a hazard, as opposed to ending a charge that is done. An
     * officer's cut is one: whoever cuts for safety wants the pile's feeder off if the relay will not.
     */
    public boolean isHazard() {
        return this == OVERLOAD || this == OVER_TEMPERATURE || this == SMOKE_OR_FIRE || this == OFFICER_CUT;
    }

    /**
     * The end reason for a relay the pile's firmware opened on its own.
     *
     * @param firstReadingAfterGatewayRestart a watchdog cut seen right after the gateway restarted
     *        happened because the gateway was away, so the session ended for that reason
     */
    public static EndReason ofPileCut(CutReason cut, boolean firstReadingAfterGatewayRestart) {
        switch (cut) {
            case OVERLOAD: return OVERLOAD;
            case FULL: return FULL;
            case MAX_TIME: return MAX_TIME;
            case OVER_TEMPERATURE: return OVER_TEMPERATURE;
            case SMOKE: return SMOKE_OR_FIRE;
            case UNPLUGGED: return UNPLUGGED;
            case REMOTE: return REMOTE_STOP;
            case WATCHDOG: return firstReadingAfterGatewayRestart ? GATEWAY_RESTART : DEVICE_FAULT;
            default: return firstReadingAfterGatewayRestart ? GATEWAY_RESTART : DEVICE_FAULT;
        }
    }
}
