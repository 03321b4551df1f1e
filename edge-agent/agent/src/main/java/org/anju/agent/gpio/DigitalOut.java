package org.anju.agent.gpio;

/** A claimed output pin, in logical terms (on = energised), whatever the wiring's active level. */
public interface DigitalOut {
    OutputPin spec();

    /** Drives the pin; false when the driver refused the write (the pin is then in an unknown state). */
    boolean set(boolean on);

    /** The logical state last read back from the driver. */
    boolean isOn();
}
