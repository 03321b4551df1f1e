package org.anju.agent.coap;

/**
 * What the wireless-lock rules decide about a lock, for the outbox: its type is
 * {@code device.} and the record's name in snake case ({@code device.battery_low}).
 */
public sealed interface LockNotice {

    String device();

    String door();

    /** Registered after a reset or a new DTLS session. */
    record Registered(String device, String door, String firmware) implements LockNotice {
    }

    /** Alarm: no report within the profile's offlineAfter; the door cannot be opened remotely. */
    record Offline(String device, String door, String reason) implements LockNotice {
    }

    /** Heard from again after being offline. */
    record Online(String device, String door) implements LockNotice {
    }

    /** Maintenance: change the batteries. Raised once, until {@link BatteryRecovered}. */
    record BatteryLow(String device, String door, int percent, int threshold) implements LockNotice {
    }

    record BatteryRecovered(String device, String door, int percent) implements LockNotice {
    }
}
