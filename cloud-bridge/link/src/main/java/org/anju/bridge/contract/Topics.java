package org.anju.bridge.contract;

import java.util.Optional;

/**
 * The topics of one gateway: {@code anju/v1/{park}/{gateway}/{stream}}.
 *
 * <pre>
 * anju/v1/{park}/{gateway}/events      gateway → park  event batches (alarm, access, state), QoS 1
 * anju/v1/{park}/{gateway}/telemetry   gateway → park  telemetry batches, QoS 1
 * anju/v1/{park}/{gateway}/state       gateway → park  birth and death, QoS 1, retained
 * anju/v1/{park}/{gateway}/cmd         park → gateway  signed commands, QoS 1
 * anju/v1/{park}/{gateway}/cmd/reply   gateway → park  command replies, QoS 1
 * anju/v1/{park}/{gateway}/status      gateway → park  the gateway's status (fleet view), QoS 1, retained, expiring
 * </pre>
 */
public record Topics(String park, String gateway) {

    /** The last topic levels, after the gateway. */
    public enum Stream {
        EVENTS("events"), TELEMETRY("telemetry"), STATE("state"), COMMANDS("cmd"), REPLIES("cmd/reply"),
        STATUS("status");

        private final String suffix;

        Stream(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    /** A topic taken apart. */
    public record Address(String park, String gateway, Stream stream) {
    }

    public Topics {
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
    }

    public String topic(Stream stream) {
        return Contract.ROOT + "/" + park + "/" + gateway + "/" + stream.suffix();
    }

    public String events() {
        return topic(Stream.EVENTS);
    }

    public String telemetry() {
        return topic(Stream.TELEMETRY);
    }

    public String state() {
        return topic(Stream.STATE);
    }

    public String commands() {
        return topic(Stream.COMMANDS);
    }

    public String replies() {
        return topic(Stream.REPLIES);
    }

    public String status() {
        return topic(Stream.STATUS);
    }

    /** The park's subscription to one stream of every gateway, e.g. {@code anju/v1/p1/+/events}. */
    public static String everyGateway(String park, Stream stream) {
        return Contract.ROOT + "/" + Contract.requireId("park", park) + "/+/" + stream.suffix();
    }

    /** Takes a topic of this contract apart; empty for any other topic. */
    public static Optional<Address> parse(String topic) {
        if (topic == null || !topic.startsWith(Contract.ROOT + "/")) {
            return Optional.empty();
        }
        String[] levels = topic.substring(Contract.ROOT.length() + 1).split("/", -1);
        if (levels.length < 3 || !Contract.isId(levels[0]) || !Contract.isId(levels[1])) {
            return Optional.empty();
        }
        String suffix = String.join("/", java.util.Arrays.copyOfRange(levels, 2, levels.length));
        for (Stream s : Stream.values()) {
            if (s.suffix().equals(suffix)) {
                return Optional.of(new Address(levels[0], levels[1], s));
            }
        }
        return Optional.empty();
    }
}
