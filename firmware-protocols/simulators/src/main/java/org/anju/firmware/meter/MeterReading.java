package org.anju.firmware.meter;

/**
 * What a single-phase meter measures at one moment, in SI units (the register map turns them
 * into the kW, kvar, kVA and kWh the meter reports).
 */
public record MeterReading(double volts, double amps, double watts, double reactiveVar, double powerFactor,
                           double hertz, double importWh, double exportWh) {

    /** Apparent power in VA. */
    public double apparentVa() {
        return Math.hypot(watts, reactiveVar);
    }
}
