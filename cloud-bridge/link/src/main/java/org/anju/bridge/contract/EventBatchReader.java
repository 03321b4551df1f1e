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

    /**
     * The payload this thread read whole last (its text, checked as {@link JsonText#isObject} would
     * by the same pass that read its fields), so the {@link EventBatch.Event} it becomes need not scan
     * it a second time. Only the very instance counts.
     */
    private static final ThreadLocal<Vouched> READ_WHOLE = ThreadLocal.withInitial(Vouched::new);

    /** A thread's payload read whole, if any: taken once a batch and set per event (no ThreadLocal set and remove per event). */
    private static final class Vouched {
        String payload;
    }

    static boolean readWhole(String payload) {
        return payload != null && payload == READ_WHOLE.get().payload;
    }

    static Decoded<EventBatch> read(byte[] json) {
        Decoded<EventBatch.Read> read = readWithFields(json);
        return read instanceof Decoded.Ok<EventBatch.Read> ok ? new Decoded.Ok<>(ok.value().batch())
                : new Decoded.Invalid<>(((Decoded.Invalid<EventBatch.Read>) read).reason());
    }

    static Decoded<EventBatch.Read> readWithFields(byte[] json) {
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
            List<PayloadFields> fields = new ArrayList<>();
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
                    case "events" -> events = events(p, json, fields);
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
            return new Decoded.Ok<>(new EventBatch.Read(new EventBatch(v.intValue(), park, gateway, session, floor, sentAt, events),
                    List.copyOf(fields)));
        } catch (JsonParseException e) {
            return new Decoded.Invalid<>("not JSON: " + ContractJson.firstLine(e));
        } catch (IOException | RuntimeException e) {
            return new Decoded.Invalid<>(ContractJson.firstLine(e));
        }
    }

    private static List<EventBatch.Event> events(JsonParser p, byte[] json, List<PayloadFields> fields) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("events must be a list");
        }
        List<EventBatch.Event> out = new ArrayList<>();
        Vouched vouched = READ_WHOLE.get();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an event must be a JSON object");
            }
            Long seq = null;
            Long ts = null;
            Priority priority = null;
            String type = null;
            String payload = null;
            PayloadFields top = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "seq" -> seq = whole(p, name);
                    case "ts" -> ts = whole(p, name);
                    case "priority" -> priority = priority(p);
                    case "type" -> type = text(p, name);
                    case "payload" -> {
                        top = new PayloadFields();
                        payload = payload(p, json, top);
                    }
                    default -> p.skipChildren();
                }
            }
            if (seq == null || ts == null || priority == null || type == null || payload == null) {
                throw new IllegalArgumentException("an event needs seq, ts, priority, type and payload");
            }
            vouched.payload = payload;
            try {
                out.add(new EventBatch.Event(seq, ts, priority, type, payload));
            } finally {
                vouched.payload = null;
            }
            fields.add(top);
        }
        return out;
    }

    /**
     * The object the parser is at, as the text it was written as, its top-level scalars into
     * {@code top}: one pass that checks all {@link JsonText#isObject} does (the parser refuses what is
     * not JSON, duplicate keys at any depth and nesting beyond {@link ContractJson#MAX_NESTING}, the
     * decoder what is not UTF-8, so no lone surrogate).
     */
    private static String payload(JsonParser p, byte[] json, PayloadFields top) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        int from = (int) p.currentTokenLocation().getByteOffset();
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("a payload ends early");
            }
            switch (t) {
                case START_OBJECT, START_ARRAY -> depth++; // at most JsonText.MAX_DEPTH: ContractJson's limit
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> {
                    // the value that follows is taken below when it is a scalar of the payload itself
                }
                default -> {
                    if (depth == 1) {
                        top.take(p.currentName(), p);
                    }
                }
            }
        }
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
