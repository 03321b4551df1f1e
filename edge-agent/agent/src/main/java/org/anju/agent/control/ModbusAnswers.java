package org.anju.agent.control;

import org.anju.agent.bus.BusOutcome;
import org.anju.protocol.modbus.ModbusPdu;

/** A Modbus write's outcome on the bus as an actuator's answer: done, refused or unreachable (and why), or no answer. */
public final class ModbusAnswers {
    private ModbusAnswers() {
    }

    /** @param what the device as a person names it, e.g. "lift board lift-a-board" */
    public static LockResult of(String what, BusOutcome<ModbusPdu.Response> outcome) {
        if (outcome instanceof BusOutcome.Answered<ModbusPdu.Response> a) {
            return a.reply() instanceof ModbusPdu.ExceptionResponse e
                    ? new LockResult.Offline(what + " refused the write (exception " + e.code() + ")")
                    : new LockResult.Done(true); // the device echoed the write: its coils hold it
        }
        if (outcome instanceof BusOutcome.NoAnswer) {
            return new LockResult.TimedOut();
        }
        if (outcome instanceof BusOutcome.Offline<?>) {
            return new LockResult.Offline(what + " is offline");
        }
        return new LockResult.Offline(what + ": " + ((BusOutcome.BusDown<?>) outcome).reason());
    }
}
