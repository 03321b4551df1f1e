package org.anju.agent.bus;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.anju.profiles.reading.Decoded;
import org.anju.profiles.reading.RegisterDecoding;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.RegisterWords;

/**
 * What one poll cycle read from a Modbus device: every word and bit its profile's reads cover,
 * by table and address, and when. The profile decoders ({@code org.anju.profiles.reading}) read
 * values out of it by role, as they read any poll's words.
 */
public final class RegisterSnapshot implements RegisterWords {
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

    @Override
    public OptionalInt word(RegisterTable table, int address) {
        Integer w = words.getOrDefault(table, Map.of()).get(address);
        return w == null ? OptionalInt.empty() : OptionalInt.of(w);
    }

    /** The value of {@code spec} (raw x scale), or empty when this cycle did not read all of it or it is no number. */
    public Optional<Double> value(RegisterSpec spec) {
        return RegisterDecoding.measure(spec, this) instanceof Decoded.Value<Double> v ? Optional.of(v.value())
                : Optional.empty();
    }

    public Optional<Boolean> bit(RegisterSpec spec) {
        return RegisterDecoding.flag(spec, this) instanceof Decoded.Value<Boolean> v ? Optional.of(v.value())
                : Optional.empty();
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
