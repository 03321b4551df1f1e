package org.anju.agent.gpio;

/**
 * Drives and reads pins at the electrical level on the mock provider: the demo's simulated door
 * sensors and buttons, and the tests. Levels here are raw (high = true), before any active-level
 * mapping, exactly as a multimeter on the header would see them.
 */
public interface GpioSimulator {
    /** Sets the level on a claimed input pin, as the wired device would. */
    void driveInput(int pin, boolean high);

    /** The level the agent currently drives on a claimed output pin. */
    boolean outputLevel(int pin);
}
