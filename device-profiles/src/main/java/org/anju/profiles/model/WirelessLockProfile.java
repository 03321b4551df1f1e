package org.anju.profiles.model;

import java.time.Duration;
import java.util.List;

/**
 * A battery room lock that talks CoAP over DTLS to the gateway's CoAP endpoint. The lock is the
 * client: it reports state and battery to the gateway's paths and observes the gateway's command
 * path, so a lock that sleeps is never called, only answered.
 */
public record WirelessLockProfile(String id, String protocol, String description, Security security,
                                  ContentFormat contentFormat, Resources resources, List<Command> commands,
                                  Duration reportInterval, Duration offlineAfter, int batteryLow) implements Profile {

    public enum Security {
        /** DTLS with a pre-shared key per lock (Californium's PSK mode). */
        DTLS_PSK,
        /** DTLS with raw public keys. */
        DTLS_RPK
    }

    public enum ContentFormat {
        CBOR, JSON
    }

    public enum Command {
        UNLOCK, LOCK
    }

    /** Resource paths at the gateway that this lock uses. */
    public record Resources(String state, String command, String battery) {
    }

    public WirelessLockProfile {
        commands = List.copyOf(commands);
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.WIRELESS_LOCK;
    }
}
