package org.anju.protocol.pile;

/**
 * A charging port's state as the pile reports it in its state register. The names follow the
 * OCPP 1.6 ChargePointStatus vocabulary so operators and their tools recognise them.
 */
public enum PortState {
    AVAILABLE(0, "Available"),
    PREPARING(1, "Preparing"),
    CHARGING(2, "Charging"),
    SUSPENDED_EV(3, "SuspendedEV"),
    FINISHING(4, "Finishing"),
    FAULTED(5, "Faulted"),
    UNAVAILABLE(6, "Unavailable");

    private final int code;
    private final String ocppName;

    PortState(int code, String ocppName) {
        this.code = code;
        this.ocppName = ocppName;
    }

    public int code() {
        return code;
    }

    public String ocppName() {
        return ocppName;
    }

    public static PortState ofCode(int code) {
        for (PortState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("no port state " + code);
    }
}
