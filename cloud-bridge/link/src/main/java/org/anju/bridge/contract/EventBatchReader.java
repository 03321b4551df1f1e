package org.anju.bridge.contract;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads an {@link EventBatch} in one pass over its bytes, as the park must for every batch of a
 * flood: each event's payload is taken as the very text the gateway wrote (the bytes between its
 * braces, checked as the contract requires by the {@link EventBatch.Event} it becomes) rather than
 * built into a tree and written out again. The same rules as {@link ContractJson}'s reading: no
 * duplicate keys at any depth, the version first checked, every number present and whole,
 * priorities by name, unknown fields ignored; a value, never an exception.
 */
final class EventBatchReader {
    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private EventBatchReader() {
    }

    static Decoded<EventBatch> read(byte[] json) {
        try (JsonParser p = ContractJson.mapper().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Decoded.Invalid<>("not a JSON object");
            }
            Long v = null;
            Long session = null;
            Long floor = null;
            Long sentAt = null;
            String park = null;
            String gateway = null;
            List<EventBatch.Event> events = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "v" -> v = whole(p, name);
                    case "park" -> park = text(p, name);
                    case "gateway" -> gateway = text(p, name);
                    case "session" -> session = whole(p, name);
                    case "floor" -> floor = whole(p, name);
                    case "sentAt" -> sentAt = whole(p, name);
                    case "events" -> events = events(p, json);
                    default -> p.skipChildren();
                }
            }
            if (v == null) {
                return new Decoded.Invalid<>("no contract version field 'v'");
            }
            if (v != Contract.VERSION) {
                return new Decoded.Invalid<>("contract version " + v + " (this end speaks " + Contract.VERSION + ")");
            }
            for (Object[] field : new Object[][] {{"park", park}, {"gateway", gateway}, {"session", session}, {"floor", floor},
                    {"sentAt", sentAt}, {"events", events}}) {
                if (field[1] == null) {
                    return new Decoded.Invalid<>("missing '" + field[0] + "'");
                }
            }
            return new Decoded.Ok<>(new EventBatch(v.intValue(), park, gateway, session, floor, sentAt, events));
        } catch (JsonParseException e) {
            return new Decoded.Invalid<>("not JSON: " + ContractJson.firstLine(e));
        } catch (IOException | RuntimeException e) {
            return new Decoded.Invalid<>(ContractJson.firstLine(e));
        }
    }

    private static List<EventBatch.Event> events(JsonParser p, byte[] json) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("events must be a list");
        }
        List<EventBatch.Event> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an event must be a JSON object");
            }
            Long seq = null;
            Long ts = null;
            Priority priority = null;
            String type = null;
            String payload = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "seq" -> seq = whole(p, name);
                    case "ts" -> ts = whole(p, name);
                    case "priority" -> priority = priority(p);
                    case "type" -> type = text(p, name);
                    case "payload" -> payload = raw(p, json);
                    default -> p.skipChildren();
                }
            }
            if (seq == null || ts == null || priority == null || type == null || payload == null) {
                throw new IllegalArgumentException("an event needs seq, ts, priority, type and payload");
            }
            out.add(new EventBatch.Event(seq, ts, priority, type, payload));
        }
        return out;
    }

    /** The object the parser is at, as the text it was written as. */
    private static String raw(JsonParser p, byte[] json) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        int from = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int to = (int) p.currentLocation().getByteOffset();
        try {
            return UTF8.get().reset().decode(ByteBuffer.wrap(json, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a payload is not UTF-8");
        }
    }

    private static long whole(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        return p.getLongValue();
    }

    private static String text(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(name + " must be text");
        }
        return p.getText();
    }

    private static Priority priority(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            for (Priority priority : Priority.values()) {
                if (priority.name().equals(p.getText())) {
                    return priority;
                }
            }
        }
        throw new IllegalArgumentException("priority must be one of " + java.util.Arrays.toString(Priority.values()));
    }
}
