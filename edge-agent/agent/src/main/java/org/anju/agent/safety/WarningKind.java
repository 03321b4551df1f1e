package org.anju.agent.safety;

/** Notices that are events but not alarms: nothing is unsafe, but someone reading the log should know. */
public enum WarningKind {
    /** The pile's energy counter started over: the pile rebooted. Energy carries on in a new segment. */
    PILE_RESTARTED,
    /** The energy counter jumped further than the port could have drawn (OCPP PowerMeterFailure); not counted. */
    METER_JUMP,
    /** A relay was found closed while the port must stay off (fire or heat); it was cut again. */
    CLOSED_DURING_HOLD
}
