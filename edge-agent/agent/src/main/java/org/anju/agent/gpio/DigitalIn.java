package org.anju.agent.gpio;

/** A claimed input pin, in logical terms (active = door open, button pressed). */
public interface DigitalIn {
    InputPin spec();

    /** The current debounced logical level. */
    boolean isActive();
}
