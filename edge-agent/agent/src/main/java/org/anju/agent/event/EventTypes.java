package org.anju.agent.event;

import java.util.Map;

/**
 * The type name each event carries in the outbox and on the wire: dotted lower-case words, as the
 * MQTT contract requires ({@code Contract.TYPE_PATTERN}). A record's type is its family and its
 * class name in snake case ({@code door.ForcedOpen} is {@code door.forced_open}), except where the
 * park reads a name across families: the alarm life cycle ({@code alarm.raised},
 * {@code alarm.acknowledged}, {@code alarm.cleared}) and port states ({@code port.status}).
 */
public final class EventTypes {
    private static final Map<String, String> RENAMED = Map.of(
            "RaiseAlarm", "alarm.raised",
            "AlarmAcknowledged", "alarm.acknowledged",
            "ClearAlarm", "alarm.cleared",
            "PortStatusChanged", "port.status",
            "Warn", "charging.warning");

    private EventTypes() {
    }

    /** The type of {@code event} in {@code family} ({@code door}, {@code charging}, ...). */
    public static String of(String family, Object event) {
        String name = event.getClass().getSimpleName();
        String renamed = RENAMED.get(name);
        return renamed != null ? renamed : family + "." + snake(name);
    }

    /** {@code ForcedOpen} → {@code forced_open}. */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
