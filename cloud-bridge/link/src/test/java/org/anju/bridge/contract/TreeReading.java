package org.anju.bridge.contract;

import java.io.IOException;
import java.util.Comparator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The contract's tree reading of an event batch, the reference the park's one-pass reader is held
 * to ({@link EventBatchReaderTest}, {@link EventBatchReaderFuzzTest}); on its own so the fuzzing's
 * class path needs nothing of the property tests.
 */
final class TreeReading {
    /** Numbers as written, however large: a double turns {@code 1e615} into infinity. */
    private static final ObjectReader EXACT = ContractJson.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Comparator<JsonNode> BY_VALUE = (x, y) -> x.isNumber() && y.isNumber()
            ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;

    private TreeReading() {
    }

    /**
     * The batch as the tree reading has it, its numbers read exactly: it writes payloads out again,
     * and through a double {@code 1e615}, valid JSON a gateway may sign, came back as the string
     * {@code "Infinity"}, which the park's reader, keeping the payload's text, rightly does not do
     * (a fuzzing finding, kept in {@link EventBatchReaderFuzzTest}'s inputs).
     */
    static Decoded<EventBatch> tree(byte[] json) {
        try {
            return ContractJson.decode(EXACT.readTree(json), EventBatch.class);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Invalid<>(e.getMessage());
        }
    }

    /** The same JSON, numbers by value (the tree reading writes a payload out again: 0.0 as 0, 1e615 as 1.7735616E+623). */
    static boolean sameJson(String a, String b) throws IOException {
        return EXACT.readTree(a).equals(BY_VALUE, EXACT.readTree(b));
    }
}
