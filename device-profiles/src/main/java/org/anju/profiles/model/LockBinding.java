package org.anju.profiles.model;

import java.util.Optional;

/** The hardware a door's lock is bound to. */
public sealed interface LockBinding {

    /** A lock on the gateway's own GPIO, with the profile's pins as moved by the site file. */
    record Gpio(DoorLockProfile profile, GpioOutput relay, Optional<GpioInput> doorSensor,
                Optional<GpioInput> exitButton) implements LockBinding {
    }

    /** A channel (from 1) of a lock board on a bus; {@code device} is the board's id in the site. */
    record Board(String device, int channel) implements LockBinding {
    }

    /** A wireless lock that reaches the gateway's CoAP endpoint as {@code endpoint}. */
    record Wireless(WirelessLockProfile profile, String endpoint) implements LockBinding {
    }
}
