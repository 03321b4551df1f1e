package org.anju.bridge.mqtt;

/**
 * What the broker answered to a publish (PUBACK) or to one filter of a subscribe (SUBACK), as an
 * MQTT 5 reason code: below {@code 0x80} it took it, from {@code 0x80} on it refused.
 */
public record Outcome(int code, String reason) {
    public static final Outcome OK = new Outcome(0, null);
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    public static final int NOT_AUTHORIZED = 0x87;

    public boolean accepted() {
        return code < 0x80;
    }

    /** The code with its name, e.g. {@code 0x87 not authorized}, and the broker's reason string if it gave one. */
    public String describe() {
        return String.format("0x%02x %s", code, name(code)) + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
    }

    /** The names of MQTT 5's reason codes that a publish, subscribe or CONNACK can carry. */
    public static String name(int code) {
        return switch (code) {
            case 0x00 -> "success";
            case 0x01 -> "granted QoS 1";
            case 0x02 -> "granted QoS 2";
            case 0x10 -> "no matching subscribers";
            case 0x80 -> "unspecified error";
            case 0x81 -> "malformed packet";
            case 0x83 -> "implementation specific error";
            case 0x84 -> "unsupported protocol version";
            case 0x85 -> "client identifier not valid";
            case 0x86 -> "bad user name or password";
            case 0x87 -> "not authorized";
            case 0x88 -> "server unavailable";
            case 0x89 -> "server busy";
            case 0x8A -> "banned";
            case 0x8E -> "session taken over";
            case 0x8F -> "topic filter invalid";
            case 0x90 -> "topic name invalid";
            case 0x91 -> "packet identifier in use";
            case 0x95 -> "packet too large";
            case 0x97 -> "quota exceeded";
            case 0x99 -> "payload format invalid";
            case 0x9E -> "shared subscriptions not supported";
            default -> "reason code";
        };
    }
}
