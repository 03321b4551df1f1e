package org.anju.bridge.telemetry;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.anju.bridge.contract.Contract;

/**
 * The payload of a {@code port.reading} telemetry event: one charging port's state and meters.
 * {@code state} uses the OCPP 1.6 ChargePointStatus names, as the pile reports them.
 *
 * @param energyWh     the port's energy counter, Wh since the pile started (it wraps at 2^32)
 * @param temperatureC the pile's temperature at this reading, when the pile reports one (null if not)
 * @param heldFor      what keeps the port off at the gateway, whatever the pile's state says: a reason
 *                     code ({@link #HOLD_REASONS}), null when nothing does; the gateway refuses starts meanwhile
 * @param heldSince    since when (epoch ms), with {@code heldFor}
 * @param heldBy       the officer whose cut holds it, with {@code heldFor} OFFICER_CUT (null for the rules' holds)
 */
@JsonPropertyOrder({"pile", "port", "state", "voltageV", "currentA", "powerW", "energyWh", "sessionSeconds", "temperatureC",
        "heldFor", "heldSince", "heldBy"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortReading(String pile, int port, String state, double voltageV, double currentA, int powerW,
                          long energyWh, long sessionSeconds, Double temperatureC, String heldFor, Long heldSince,
                          String heldBy) {

    /** Why a port may be held off: a fire in its area, its pile too hot, an officer's cut. */
    public static final Set<String> HOLD_REASONS = Set.of("SMOKE_OR_FIRE", "OVER_TEMPERATURE", "OFFICER_CUT");

    /** The event type of this payload in the outbox and on the telemetry topic. */
    public static final String TYPE = "port.reading";

    /** OCPP 1.6 ChargePointStatus, all of it. */
    public static final Set<String> STATES = Set.of("Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV",
            "Finishing", "Reserved", "Faulted", "Unavailable");

    public PortReading {
        Contract.requireId("pile", pile);
        if (port < 1 || port > 64) {
            throw new IllegalArgumentException("port must be 1..64");
        }
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("state must be an OCPP 1.6 status name, not " + state);
        }
        if (voltageV < 0 || currentA < 0 || powerW < 0 || energyWh < 0 || sessionSeconds < 0) {
            throw new IllegalArgumentException("readings are not negative");
        }
        if (temperatureC != null && (temperatureC.isNaN() || temperatureC < -60 || temperatureC > 300)) {
            throw new IllegalArgumentException("temperatureC must be -60..300 °C or absent");
        }
        if (heldFor != null && (!HOLD_REASONS.contains(heldFor) || heldSince == null || heldSince < 0)) {
            throw new IllegalArgumentException("heldFor must be one of " + new java.util.TreeSet<>(HOLD_REASONS)
                    + ", with heldSince");
        }
        if (heldFor == null && (heldSince != null || heldBy != null)) {
            throw new IllegalArgumentException("heldSince and heldBy come only with heldFor");
        }
        if (heldBy != null) {
            Contract.requireId("heldBy", heldBy);
        }
    }

    /** A reading of a port nothing holds off. */
    public PortReading(String pile, int port, String state, double voltageV, double currentA, int powerW, long energyWh,
                       long sessionSeconds, Double temperatureC) {
        this(pile, port, state, voltageV, currentA, powerW, energyWh, sessionSeconds, temperatureC, null, null, null);
    }
}
