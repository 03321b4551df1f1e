package org.anju.profiles.model;

/** A smoke detector or fire-panel contact wired to a GPIO input of the gateway. */
public record AlarmInput(String id, Kind kind, GpioInput input) {

    public enum Kind {
        SMOKE, FIRE_PANEL
    }
}
