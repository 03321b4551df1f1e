package org.anju.profiles.model;

import org.anju.protocol.modbus.RegisterSpec;

/**
 * A register that every port (or relay channel) has, at {@code first.address() + stride x (n-1)}
 * for port n. Piles lay their ports out as equal blocks, so one spec and a stride describe them all.
 */
public record RepeatedRegister(RegisterSpec first, int stride) {

    /** The register of port or channel {@code n}, counted from 1. */
    public RegisterSpec at(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ports and channels count from 1, not " + n);
        }
        return new RegisterSpec(first.name(), first.table(), first.address() + stride * (n - 1), first.type(),
                first.order(), first.scale(), first.unit(), first.meaning());
    }

    /** The last address instance {@code n} occupies, without building it (it may not fit in 0-65535). */
    public long lastAddressOf(int n) {
        return (long) first.address() + (long) stride * (n - 1) + first.type().words() - 1;
    }
}
