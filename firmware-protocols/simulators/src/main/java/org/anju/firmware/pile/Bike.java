package org.anju.firmware.pile;

/**
 * An e-bike battery on a charger, as the pile sees it: constant power until the battery is 80 %
 * full, then a taper to a float trickle, which is how common 48 V lead-acid and lithium
 * chargers behave. {@code stateOfCharge} is 0..1 at plug-in.
 */
public record Bike(double capacityWh, double stateOfCharge, double chargeWatts) {
    /** A typical 48 V 20 Ah pack, a third full, on a 180 W charger. */
    public static final Bike TYPICAL = new Bike(960, 0.35, 180);

    private static final double TAPER_FROM = 0.80;
    private static final double TRICKLE_WATTS = 4;

    public Bike {
        if (capacityWh <= 0 || chargeWatts <= 0 || stateOfCharge < 0 || stateOfCharge > 1) {
            throw new IllegalArgumentException("a bike needs capacity > 0, charge power > 0, state of charge 0..1");
        }
    }

    /** Power the charger draws at a given state of charge. */
    public double drawAt(double soc) {
        if (soc < TAPER_FROM) {
            return chargeWatts;
        }
        if (soc >= 1) {
            return TRICKLE_WATTS;
        }
        double left = (1 - soc) / (1 - TAPER_FROM);
        return TRICKLE_WATTS + (chargeWatts - TRICKLE_WATTS) * left * left;
    }
}
