package org.anju.agent.coap;

import java.util.Optional;

/** What a wireless lock sends the gateway, once its payload has been read. */
public sealed interface LockMessage {

    enum DoorPosition { OPEN, CLOSED }

    enum Bolt { LOCKED, UNLOCKED, JAMMED }

    /** A lock says hello after a reset or a new DTLS session; {@code endpoint} must be its own DTLS identity. */
    record Registration(String endpoint, String firmware) implements LockMessage {
    }

    /** The door and bolt as the lock sees them, with the battery when the lock measured it. */
    record StateReport(DoorPosition door, Bolt bolt, Optional<Integer> batteryPercent) implements LockMessage {
    }

    record BatteryReport(int batteryPercent) implements LockMessage {
    }
}
