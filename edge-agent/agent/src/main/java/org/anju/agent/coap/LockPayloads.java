package org.anju.agent.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the JSON payloads (application/json, content-format 50) of the wireless-lock
 * resources; no I/O. Every field is checked: a payload that is not what the README's schema says
 * is refused with a 4.xx code and one sentence naming the field, and nothing is acted on.
 */
public final class LockPayloads {
    /** A lock's largest honest payload is well under 100 bytes; anything near a datagram is not a lock talking. */
    public static final int MAX_PAYLOAD = 256;
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern FIRMWARE = Pattern.compile("[\\x21-\\x7e]{1,32}");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A payload read, or why not with the CoAP code to answer. */
    public sealed interface Read<T extends LockMessage> {
        record Ok<T extends LockMessage>(T message) implements Read<T> {
        }

        record Refused<T extends LockMessage>(ResponseCode code, String reason) implements Read<T> {
        }
    }

    private LockPayloads() {
    }

    public static Read<LockMessage.Registration> registration(int contentFormat, byte[] payload) {
        return read(contentFormat, payload, Set.of("endpoint", "firmware"), o -> {
            String endpoint = text(o, "endpoint", ENDPOINT, "the lock's endpoint name, e.g. \"lock-a-701\"");
            String firmware = o.has("firmware") ? text(o, "firmware", FIRMWARE, "1 to 32 printable characters, e.g. \"2.4.1\"") : "";
            return new LockMessage.Registration(endpoint, firmware);
        });
    }

    public static Read<LockMessage.StateReport> state(int contentFormat, byte[] payload) {
        return read(contentFormat, payload, Set.of("door", "bolt", "battery"), o -> new LockMessage.StateReport(
                choice(o, "door", LockMessage.DoorPosition.class), choice(o, "bolt", LockMessage.Bolt.class),
                o.has("battery") ? Optional.of(percent(o, "battery")) : Optional.empty()));
    }

    public static Read<LockMessage.BatteryReport> battery(int contentFormat, byte[] payload) {
        return read(contentFormat, payload, Set.of("battery"), o -> new LockMessage.BatteryReport(percent(o, "battery")));
    }

    /** The command resource's representation: {@code {"id":7,"command":"unlock","seconds":5}}. */
    public static byte[] command(LockCommand c) {
        ObjectNode o = JSON.createObjectNode().put("id", c.id()).put("command", c.kind().name().toLowerCase(Locale.ROOT));
        if (c.kind() == LockCommand.Kind.UNLOCK) {
            o.put("seconds", Math.max(1, (c.pulse().toMillis() + 999) / 1000));
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The answer to a registration: the door it opens, how often to report, and where commands wait. */
    public static byte[] registered(String door, long reportSeconds, String commandPath) {
        return JSON.createObjectNode().put("door", door).put("reportSeconds", reportSeconds).put("commands", commandPath)
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A field that does not fit; the message names it and what would. */
    private static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    private interface Fields<T> {
        T from(ObjectNode o);
    }

    private static <T extends LockMessage> Read<T> read(int contentFormat, byte[] payload, Set<String> known, Fields<T> fields) {
        if (contentFormat != MediaTypeRegistry.APPLICATION_JSON) {
            return new Read.Refused<>(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "content-format "
                    + (contentFormat == MediaTypeRegistry.UNDEFINED ? "missing" : String.valueOf(contentFormat))
                    + ": send application/json (50)");
        }
        if (payload.length > MAX_PAYLOAD) {
            return new Read.Refused<>(ResponseCode.REQUEST_ENTITY_TOO_LARGE,
                    "payload of " + payload.length + " bytes; at most " + MAX_PAYLOAD);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (IOException e) {
            return new Read.Refused<>(ResponseCode.BAD_REQUEST, "not JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return new Read.Refused<>(ResponseCode.BAD_REQUEST, "the payload must be a JSON object, e.g. "
                    + "{\"door\":\"closed\",\"bolt\":\"locked\",\"battery\":87}");
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                return new Read.Refused<>(ResponseCode.BAD_REQUEST, "unknown field '" + clip(name) + "'; the fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
        try {
            return new Read.Ok<>(fields.from((ObjectNode) tree));
        } catch (BadField e) {
            return new Read.Refused<>(ResponseCode.BAD_REQUEST, e.getMessage());
        }
    }

    private static String text(ObjectNode o, String field, Pattern shape, String expected) {
        JsonNode v = o.get(field);
        if (v == null) {
            throw new BadField("missing field '" + field + "': " + expected);
        }
        if (!v.isTextual() || !shape.matcher(v.textValue()).matches()) {
            throw new BadField("field '" + field + "' is " + describe(v) + "; expected " + expected);
        }
        return v.textValue();
    }

    private static <E extends Enum<E>> E choice(ObjectNode o, String field, Class<E> type) {
        String names = String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> "\"" + c.name().toLowerCase(Locale.ROOT) + "\"").toList());
        JsonNode v = o.get(field);
        if (v == null) {
            throw new BadField("missing field '" + field + "': one of " + names);
        }
        if (v.isTextual()) {
            for (E c : type.getEnumConstants()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(v.textValue())) {
                    return c;
                }
            }
        }
        throw new BadField("field '" + field + "' is " + describe(v) + "; expected one of " + names);
    }

    private static int percent(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() > 100) {
            throw new BadField("field '" + field + "' is " + (v == null ? "missing" : describe(v))
                    + "; expected a whole percent from 0 to 100");
        }
        return v.intValue();
    }

    private static String describe(JsonNode v) {
        return v.isTextual() ? "\"" + clip(v.textValue()) + "\"" : clip(v.toString());
    }

    /** Echoing a lock's bytes back is fine, but not at length. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable" : message;
        int cut = m.indexOf('\n');
        return clip(cut < 0 ? m : m.substring(0, cut));
    }

    /** For tests and docs: the response codes in the CoAP dotted form, 4.00 etc. */
    public static String dotted(ResponseCode code) {
        return code.codeClass + "." + String.format(Locale.ROOT, "%02d", code.codeDetail);
    }
}
