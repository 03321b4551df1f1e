package org.anju.agent.safety;

import org.anju.agent.charging.OcppErrorCode;

/**
 * What an alarm is about, with its severity, the OCPP error code a port or pile reports while it
 * is active, and whether it latches. A latching alarm clears only once a person has acknowledged
 * it <em>and</em> its condition has gone: a fire, a welded relay or a battery that misbehaved
 * needs someone to look, even if the reading has since returned to normal.
 */
public enum AlarmKind {
    FIRE(Severity.FIRE, OcppErrorCode.OTHER_ERROR, true),
    CUT_FAILED(Severity.CRITICAL, OcppErrorCode.POWER_SWITCH_FAILURE, true),
    OVER_TEMPERATURE(Severity.CRITICAL, OcppErrorCode.HIGH_TEMPERATURE, false),
    OVERLOAD(Severity.MAJOR, OcppErrorCode.OVER_CURRENT_FAILURE, false),
    BATTERY_ANOMALY(Severity.MAJOR, OcppErrorCode.OTHER_ERROR, true),
    TEMPERATURE_HIGH(Severity.WARNING, OcppErrorCode.HIGH_TEMPERATURE, false),
    TEMPERATURE_RISING(Severity.WARNING, OcppErrorCode.HIGH_TEMPERATURE, false),
    PILE_WATCHDOG_TRIPPED(Severity.WARNING, OcppErrorCode.OTHER_ERROR, false);

    private final Severity severity;
    private final OcppErrorCode errorCode;
    private final boolean latching;

    AlarmKind(Severity severity, OcppErrorCode errorCode, boolean latching) {
        this.severity = severity;
        this.errorCode = errorCode;
        this.latching = latching;
    }

    public Severity severity() {
        return severity;
    }

    public OcppErrorCode errorCode() {
        return errorCode;
    }

    public boolean latching() {
        return latching;
    }
}
