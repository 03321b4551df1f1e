package org.anju.bridge.contract;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of the contract. Writing: compact UTF-8, fields in the documented order. Reading:
 * unknown fields are ignored (a newer peer may add optional ones), a missing number is an error
 * rather than a silent zero, duplicate keys are refused (two readers must never see two different
 * messages in one payload), and {@link #decode} returns a value instead of throwing.
 */
public final class ContractJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    /**
     * How deep a message may nest: an event batch's own three levels (the batch, its list, an event)
     * above the deepest payload the gateway lets into a batch ({@link JsonText#MAX_DEPTH}). With 32, as
     * it was, a payload nested 30 to 64 deep passed the gateway's check and made its whole batch
     * unreadable at the park, never confirmed and sent again for ever.
     */
    static final int MAX_NESTING = JsonText.MAX_DEPTH + 3;

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxStringLength(CommandSigning.MAX_BODY_CHARS + 16).build());
    }

    private ContractJson() {
    }

    /** The configured mapper; for reading and writing contract records only. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A contract record as JSON; a record that does not serialise is a bug, hence unchecked. */
    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads {@code json} as a {@code type}, checking the contract version first; never throws. An
     * event batch, the message there are most of, is read in one pass ({@link EventBatchReader}).
     */
    @SuppressWarnings("unchecked")
    public static <T> Decoded<T> decode(byte[] json, Class<T> type) {
        if (type == EventBatch.class) {
            return (Decoded<T>) EventBatchReader.read(json);
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Invalid<>("not JSON: " + firstLine(e));
        }
        return decode(tree, type);
    }

    public static <T> Decoded<T> decode(JsonNode tree, Class<T> type) {
        if (tree == null || !tree.isObject()) {
            return new Decoded.Invalid<>("not a JSON object");
        }
        JsonNode v = tree.get("v");
        if (v == null || !v.canConvertToExactIntegral() || !v.isIntegralNumber()) {
            return new Decoded.Invalid<>("no contract version field 'v'");
        }
        if (v.asLong() != Contract.VERSION) {
            return new Decoded.Invalid<>("contract version " + v.asLong() + " (this end speaks " + Contract.VERSION + ")");
        }
        try {
            return new Decoded.Ok<>(MAPPER.treeToValue(tree, type));
        } catch (IOException | RuntimeException e) {
            return new Decoded.Invalid<>(firstLine(e));
        }
    }

    /** Jackson's message up to the location details; the cause's when a record refused a value. */
    static String firstLine(Throwable e) {
        Throwable shown = e;
        while (shown.getCause() != null && shown.getCause() != shown
                && (shown.getCause() instanceof IllegalArgumentException || shown.getMessage() == null)) {
            shown = shown.getCause();
        }
        String message = String.valueOf(shown.getMessage());
        int cut = message.indexOf('\n');
        if (cut >= 0) {
            message = message.substring(0, cut);
        }
        int at = message.indexOf(" at [Source");
        if (at >= 0) {
            message = message.substring(0, at);
        }
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
