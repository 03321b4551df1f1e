package org.anju.agent.charging;

import org.anju.protocol.pile.PortState;

/** OCPP 1.6 ChargePointStatus, the words operators and their tools know for a connector's state. */
public enum OcppStatus {
    AVAILABLE("Available"),
    PREPARING("Preparing"),
    CHARGING("Charging"),
    SUSPENDED_EVSE("SuspendedEVSE"),
    SUSPENDED_EV("SuspendedEV"),
    FINISHING("Finishing"),
    RESERVED("Reserved"),
    UNAVAILABLE("Unavailable"),
    FAULTED("Faulted");

    private final String ocppName;

    OcppStatus(String ocppName) {
        this.ocppName = ocppName;
    }

    public String ocppName() {
        return ocppName;
    }

    /** The pile's state register already speaks OCPP; this is the one-to-one mapping. */
    public static OcppStatus ofPile(PortState state) {
        switch (state) {
            case AVAILABLE: return AVAILABLE;
            case PREPARING: return PREPARING;
            case CHARGING: return CHARGING;
            case SUSPENDED_EV: return SUSPENDED_EV;
            case FINISHING: return FINISHING;
            case FAULTED: return FAULTED;
            case UNAVAILABLE: return UNAVAILABLE;
            default: throw new IllegalArgumentException("no OCPP status for " + state);
        }
    }
}
