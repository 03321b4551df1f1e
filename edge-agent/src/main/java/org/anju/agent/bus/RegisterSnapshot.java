package org.anju.agent.bus;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;

/**
 * What one poll cycle read from a Modbus device: every word and bit its profile's reads cover,
 * by table and address, and when. Values come out scaled to the unit their spec names.
 */
public final class RegisterSnapshot {
    private final String device;
    private final Instant at;
    private final Map<RegisterTable, Map<Integer, Integer>> words;

    RegisterSnapshot(String device, Instant at, Map<RegisterTable, Map<Integer, Integer>> words) {
        this.device = device;
        this.at = at;
        this.words = words;
    }

    public String device() {
        return device;
    }

    public Instant at() {
        return at;
    }

    /** The value of {@code spec} (raw x scale), or empty when this cycle did not read all of it. */
    public Optional<Double> value(RegisterSpec spec) {
        Map<Integer, Integer> table = words.getOrDefault(spec.table(), Map.of());
        Integer[] raw = new Integer[spec.type().words()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = table.get(spec.address() + i);
            if (raw[i] == null) {
                return Optional.empty();
            }
        }
        return Optional.of(spec.type().decode(List.of(raw), 0, spec.order()) * spec.scale());
    }

    public Optional<Boolean> bit(RegisterSpec spec) {
        return value(spec).map(v -> v != 0);
    }

    /** Collects the answers of one cycle. */
    static final class Builder {
        private final Map<RegisterTable, Map<Integer, Integer>> words = new HashMap<>();

        void put(RegisterTable table, int address, List<Integer> values) {
            Map<Integer, Integer> t = words.computeIfAbsent(table, k -> new HashMap<>());
            for (int i = 0; i < values.size(); i++) {
                t.put(address + i, values.get(i));
            }
        }

        RegisterSnapshot build(String device, Instant at) {
            Map<RegisterTable, Map<Integer, Integer>> copy = new HashMap<>();
            words.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new RegisterSnapshot(device, at, copy);
        }
    }
}
