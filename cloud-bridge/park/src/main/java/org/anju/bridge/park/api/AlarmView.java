package org.anju.bridge.park.api;

import java.util.Optional;

import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.config.ParkConfig;

import io.vertx.core.json.JsonObject;

/**
 * An alarm as the console shows it: where it is (building, charging area, pile, port, so the
 * console can offer to cut that port or that area), when it was raised and acknowledged and by
 * whom, and the reading that raised it as numbers rounded for people, or the fire input that
 * tripped (a fire input carries no numbers: the console said "reading:" and nothing, and found no
 * area to cut for an alarm whose source is the area itself). Pure: the payload is the gateway's alarm.
 */
final class AlarmView {
    private AlarmView() {
    }

    /** {@code alarm}: the gateway's alarm object ({@code alarm.raised} and after); {@code storedRaisedAt}: the park's. */
    static JsonObject of(BuildingDirectory buildings, String gateway, JsonObject alarm, long storedRaisedAt) {
        String source = text(alarm, "source", "");
        Optional<ParkConfig.Building> building = buildings.buildingOfGateway(gateway);
        String area = null;
        String pile = null;
        Integer port = null;
        if (source.startsWith("area:")) {
            area = source.substring(5);
        } else if (!source.isEmpty()) {
            String[] parts = source.split("/", 2);
            pile = parts[0];
            if (parts.length == 2 && parts[1].matches("[0-9]{1,2}")) {
                port = Integer.parseInt(parts[1]);
            }
            String p = pile;
            area = building.flatMap(b -> b.areas().stream().filter(a -> a.piles().contains(p)).findFirst())
                    .map(ParkConfig.Area::id).orElse(null);
        }
        String state = alarm.getValue("clearedAt") != null ? "CLEARED"
                : alarm.getValue("acknowledgedBy") != null ? "ACKNOWLEDGED" : "RAISED";
        return new JsonObject().put("gateway", gateway).put("building", building.map(ParkConfig.Building::id).orElse(null))
                .put("id", text(alarm, "id", null)).put("kind", text(alarm, "kind", null))
                .put("severity", text(alarm, "severity", null)).put("source", source).put("area", area).put("pile", pile)
                .put("port", port).put("state", state)
                .put("raisedAt", millis(alarm.getValue("raisedAt"), storedRaisedAt))
                .put("acknowledgedBy", text(alarm, "acknowledgedBy", null))
                .put("acknowledgedAt", millis(alarm.getValue("acknowledgedAt"), null))
                .put("clearedAt", millis(alarm.getValue("clearedAt"), null))
                .put("reading", reading(alarm.getValue("cause") instanceof JsonObject cause ? cause : null))
                .put("detail", text(alarm, "detail", null));
    }

    /**
     * A field the gateway wrote as text, or {@code otherwise}: the alarm's payload is the gateway's, checked
     * by its signature, not by a schema, and a number where text belongs must not fail the view (it failed
     * every console's live picture and the officer's list of alarms with it).
     */
    private static String text(JsonObject alarm, String field, String otherwise) {
        return alarm.getValue(field) instanceof String s ? s : otherwise;
    }

    /**
     * The reading that raised it: watts to 1, °C to 0.1, volts to 1; or the fire input that tripped
     * ({@code input}, a name from the site file) or a pile's smoke detector ({@code smoke}).
     */
    static JsonObject reading(JsonObject cause) {
        JsonObject out = new JsonObject();
        if (cause == null) {
            return out;
        }
        if (cause.getValue("watts") instanceof Number w) {
            out.put("powerW", Math.round(w.doubleValue()));
        }
        if (cause.getValue("temperatureC") instanceof Number t) {
            out.put("temperatureC", Math.round(t.doubleValue() * 10) / 10.0);
        }
        if (cause.getValue("volts") instanceof Number v) {
            out.put("voltageV", Math.round(v.doubleValue()));
        }
        if (cause.getValue("input") instanceof String input) {
            out.put("input", input);
        }
        // a pile's smoke: its own input, or bit 0 of its alarm register
        if (Boolean.TRUE.equals(cause.getValue("smoke")) || cause.getValue("alarmBits") instanceof Number bits
                && (bits.intValue() & 1) != 0) {
            out.put("smoke", true);
        }
        return out;
    }

    /** A time the gateway wrote as epoch ms or as an ISO-8601 instant; {@code otherwise} when absent or unreadable. */
    static Long millis(Object value, Long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return java.time.Instant.parse(s).toEpochMilli();
            } catch (java.time.format.DateTimeParseException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
