package org.anju.protocol.pile;

/** Why the pile's firmware last opened a port's relay, as reported in the port's cut-reason register. */
public enum CutReason {
    NONE(0),
    OVERLOAD(1),
    FULL(2),
    MAX_TIME(3),
    OVER_TEMPERATURE(4),
    SMOKE(5),
    WATCHDOG(6),
    UNPLUGGED(7),
    REMOTE(8);

    private final int code;

    CutReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CutReason ofCode(int code) {
        for (CutReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        throw new IllegalArgumentException("no cut reason " + code);
    }
}
