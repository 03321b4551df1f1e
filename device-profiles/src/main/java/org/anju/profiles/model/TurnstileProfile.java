package org.anju.profiles.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.protocol.modbus.RegisterSpec;

/**
 * A turnstile lane (tripod, swing gate, flap barrier) on Modbus RTU: coils that open it for one
 * person in each direction and hold it free, and counters of the people it saw pass each way.
 *
 * @param registers     by role (see {@link RegisterRoles#TURNSTILE})
 * @param reads         the reads of one poll, which cover the counters
 * @param passageWindow how long an open waits for its person (the lane's own setting)
 */
public record TurnstileProfile(String id, String protocol, String description, Map<String, RegisterSpec> registers,
                               List<RegisterRead> reads, Duration passageWindow) implements Profile {

    public TurnstileProfile {
        registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        reads = List.copyOf(reads);
    }

    @Override
    public ProfileKind kind() {
        return ProfileKind.TURNSTILE;
    }

    /** The register of {@code role}; the required ones are always there. */
    public Optional<RegisterSpec> register(String role) {
        return Optional.ofNullable(registers.get(role));
    }
}
