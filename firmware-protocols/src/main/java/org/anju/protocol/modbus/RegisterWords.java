package org.anju.protocol.modbus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The words one poll read from a device, by table and address; a bit of a coil or discrete input
 * is a word of 0 or 1. Whoever polls (the gateway's scanner, a test master) fills it from the
 * replies; decoders read values out of it by {@link RegisterSpec} without knowing how it was read.
 */
public interface RegisterWords {

    /** The word at {@code address} of {@code table}, or empty when the poll did not read it. */
    OptionalInt word(RegisterTable table, int address);

    /** The words {@code spec} occupies, first address first, or empty when the poll did not read all of them. */
    default Optional<List<Integer>> wordsOf(RegisterSpec spec) {
        List<Integer> words = new ArrayList<>(spec.type().words());
        for (int a = spec.address(); a <= spec.lastAddress(); a++) {
            OptionalInt w = word(spec.table(), a);
            if (w.isEmpty()) {
                return Optional.empty();
            }
            words.add(w.getAsInt());
        }
        return Optional.of(words);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects the answers of one poll; {@link #build()} gives an immutable view of them. */
    final class Builder {
        private final Map<RegisterTable, Map<Integer, Integer>> words = new EnumMap<>(RegisterTable.class);

        private Builder() {
        }

        /** The registers a read of {@code table} from {@code address} returned. */
        public Builder put(RegisterTable table, int address, List<Integer> values) {
            Map<Integer, Integer> t = words.computeIfAbsent(table, k -> new HashMap<>());
            for (int i = 0; i < values.size(); i++) {
                int v = values.get(i);
                if (v < 0 || v > 0xFFFF) {
                    throw new IllegalArgumentException("a register holds 0-65535, not " + v);
                }
                t.put(address + i, v);
            }
            return this;
        }

        /** The bits a read of {@code table} from {@code address} returned, as words of 0 and 1. */
        public Builder putBits(RegisterTable table, int address, List<Boolean> bits) {
            return put(table, address, bits.stream().map(b -> b ? 1 : 0).toList());
        }

        public RegisterWords build() {
            Map<RegisterTable, Map<Integer, Integer>> copy = new EnumMap<>(RegisterTable.class);
            words.forEach((table, t) -> copy.put(table, Map.copyOf(t)));
            return (table, address) -> {
                Integer w = copy.getOrDefault(table, Map.of()).get(address);
                return w == null ? OptionalInt.empty() : OptionalInt.of(w);
            };
        }
    }
}
