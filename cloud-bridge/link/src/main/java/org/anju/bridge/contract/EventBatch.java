package org.anju.bridge.contract;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * What the gateway publishes on its events and telemetry topics: outbox events in sequence order,
 * all of one priority, acknowledged by the broker as a whole.
 *
 * @param session the gateway's connection session at publish (the one of its latest birth)
 * @param floor   every event of this gateway with a lower {@code seq} reached the broker before, or
 *                was discarded at the gateway on purpose (reported as an {@code outbox.discarded}
 *                event); 0 when the gateway does not know yet. Never decreases within a session.
 *                The park reports a {@code seq} below the floor that it never received as lost.
 * @param sentAt  gateway wall clock at publish, epoch milliseconds
 */
@JsonPropertyOrder({"v", "park", "gateway", "session", "floor", "sentAt", "events"})
public record EventBatch(int v, String park, String gateway, long session, long floor, long sentAt, List<Event> events) {

    public EventBatch {
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        if (session < 1 || floor < 0) {
            throw new IllegalArgumentException("session must be positive and floor not negative");
        }
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
        Priority priority = events.get(0).priority();
        long previous = 0;
        for (Event e : events) {
            if (e.priority() != priority) {
                throw new IllegalArgumentException("a batch holds events of one priority");
            }
            if (e.seq() <= previous) {
                throw new IllegalArgumentException("events of a batch are in increasing seq order");
            }
            previous = e.seq();
        }
    }

    public static EventBatch of(Topics topics, long session, long floor, long sentAt, List<Event> events) {
        return new EventBatch(Contract.VERSION, topics.park(), topics.gateway(), session, floor, sentAt, events);
    }

    /**
     * A batch as the park reads it: the batch, and what each event's payload holds at its top level
     * ({@code fields}, in the events' order), read in the pass that checked it.
     */
    public record Read(EventBatch batch, List<PayloadFields> fields) {
    }

    /**
     * Reads a batch and its payloads' top-level fields in one pass over its bytes, by the same rules
     * as {@link ContractJson#decode(byte[], Class)}; never throws.
     */
    public static Decoded<Read> read(byte[] json) {
        return EventBatchReader.readWithFields(json);
    }

    public Priority priority() {
        return events.get(0).priority();
    }

    /** The topic stream this batch belongs on. */
    public Topics.Stream stream() {
        return priority().stream();
    }

    /**
     * One outbox event. {@code payload} is the event's JSON object as text, written into the batch
     * as it is (not as a string); {@code seq} is unique on the gateway and strictly increasing.
     */
    @JsonPropertyOrder({"seq", "ts", "priority", "type", "payload"})
    public record Event(long seq, long ts, Priority priority, String type,
                        @JsonRawValue @JsonDeserialize(using = RawObject.class) String payload) {

        /** The type of the stand-in for an outbox event that breaks the contract. */
        public static final String VIOLATION = "contract.violation";

        public Event {
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be positive, not " + seq);
            }
            Objects.requireNonNull(priority, "priority");
            Contract.requireType("event type", type);
            if (!EventBatchReader.readWhole(payload) && !isObject(payload)) {
                throw new IllegalArgumentException("the payload of event " + seq + " is not one JSON object"
                        + " (without duplicate keys or lone surrogates)");
            }
        }

        /**
         * The event as the outbox holds it, never refused: an event whose type or payload breaks the
         * contract (a bug at the gateway) goes as a {@value #VIOLATION} event that carries the
         * original type and text, so one bad row never stalls the drain nor poisons a batch.
         */
        public static Event fromOutbox(long seq, long ts, Priority priority, String type, String payload) {
            if (Contract.isType(type) && payload != null) {
                try {
                    return new Event(seq, ts, priority, type, payload); // checks the payload, once
                } catch (IllegalArgumentException notAnObject) {
                    // fall through to the stand-in
                }
            }
            return violation(seq, ts, priority, type, payload);
        }

        /** The {@value #VIOLATION} stand-in for an outbox row, whatever its type and payload. */
        public static Event violation(long seq, long ts, Priority priority, String type, String payload) {
            String original = "{\"originalType\":" + (type == null ? "null" : JsonText.quote(type))
                    + ",\"rawPayload\":" + (payload == null ? "null" : JsonText.quote(payload)) + "}";
            return new Event(seq, ts, priority, VIOLATION, original);
        }

        /** True when {@code text} can go into a batch as it is: see {@link JsonText#isObject}. */
        public static boolean isObject(String text) {
            return JsonText.isObject(text);
        }
    }

    /** Reads a JSON object back as its text, so a decoded event equals the one that was written. */
    static final class RawObject extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return ctx.reportInputMismatch(String.class, "payload must be a JSON object");
            }
            JsonNode tree = ctx.readTree(p);
            String text = tree.toString();
            // a lone surrogate arrives escaped and would leave raw: write such a payload all-ASCII
            return JsonText.isObject(text) ? text : ASCII.writeValueAsString(tree);
        }

        private static final ObjectWriter ASCII = new ObjectMapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);
    }
}
