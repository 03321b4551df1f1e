package org.anju.bridge.contract;

import java.io.IOException;
import java.util.Comparator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The contract's tree reading of an event batch, the reference the park's one-pass reader is held
 * to ({@link EventBatchReaderTest}, {@link EventBatchReaderFuzzTest}); on its own so the fuzzing's
 * class path needs nothing of the property tests.
 */
final class TreeReading {
    /**
     * Numbers by value; and a number beyond a double, which the tree reading reads as infinity and
     * writes back as the string {@code "Infinity"} (JSON has no infinity), the same as that string.
     * The park's reader keeps the payload's text as the gateway signed it ({@code 1e615}, valid
     * JSON), which is right; the reference's way of writing it is the one difference allowed (a
     * fuzzing finding, kept in {@link EventBatchReaderFuzzTest}'s inputs). Read exactly instead, as
     * decimals, the reference refused an exponent beyond an int (the next finding).
     */
    private static final Comparator<JsonNode> BY_VALUE = (x, y) -> x.equals(y) || sameNumber(x, y) || infinity(x, y)
            || infinity(y, x) ? 0 : 1;

    private TreeReading() {
    }

    private static boolean sameNumber(JsonNode x, JsonNode y) {
        return x.isNumber() && y.isNumber() && Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }

    private static boolean infinity(JsonNode number, JsonNode text) {
        return number.isNumber() && Double.isInfinite(number.doubleValue()) && text.isTextual()
                && text.textValue().equals(number.doubleValue() > 0 ? "Infinity" : "-Infinity");
    }

    /** The batch as the contract's tree reading has it. */
    static Decoded<EventBatch> tree(byte[] json) {
        try {
            return ContractJson.decode(ContractJson.mapper().readTree(json), EventBatch.class);
        } catch (IOException | RuntimeException e) {
            return new Decoded.Invalid<>(e.getMessage());
        }
    }

    /** The same JSON, numbers by value, as {@link #BY_VALUE} has it. */
    static boolean sameJson(String a, String b) throws IOException {
        return ContractJson.mapper().readTree(a).equals(BY_VALUE, ContractJson.mapper().readTree(b));
    }
}
