package org.anju.agent.safety;

/**
 * How urgent an alarm is, highest first, after the fire-alarm convention (fire, then faults that
 * leave a hazard unchecked, then hazards handled, then warnings). The uplink sends every alarm
 * before any other event; within alarms, this order.
 */
public enum Severity {
    /** Smoke or fire: people must get out and the fire safety officer must come. */
    FIRE,
    /** A cut that did not happen or a pile too hot: the hazard may still be live. */
    CRITICAL,
    /** A hazard the gateway acted on (an overload cut) or a battery behaving abnormally. */
    MAJOR,
    /** Something to watch before it becomes a hazard. */
    WARNING
}
