package org.anju.bridge.contract;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A pass the park signs for one tenant, so their phone opens a door through the gateway's local
 * API on the building's Wi-Fi while the park is unreachable. Signed with the park's command key
 * (Ed25519) over its own domain text, so a pass can never be taken for a command or the reverse.
 * Each pass opens once (its {@code nonce} is remembered by the gateway) within its window, only a
 * door it names, and only while the gateway's roster still lets the tenant through that door.
 *
 * <p>Canonical text: {@code anju-tenant-pass-v1}, park, tenant, the doors joined by commas,
 * validFrom, validUntil (epoch milliseconds), nonce, keyId, one per line, UTF-8.
 */
public record TenantPass(int v, String park, String tenant, List<String> doors, long validFrom, long validUntil,
                         String nonce, String keyId, String sig) {
    public static final String DOMAIN = "anju-tenant-pass-v" + Contract.VERSION;

    public TenantPass {
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        Contract.requireId("park", park);
        Contract.requireId("tenant", tenant);
        doors = List.copyOf(Objects.requireNonNullElse(doors, List.of()));
        if (doors.isEmpty()) {
            throw new IllegalArgumentException("a pass names at least one door");
        }
        doors.forEach(d -> Contract.requireId("door", d));
        if (validUntil <= validFrom) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
        if (nonce == null || !nonce.matches("[A-Za-z0-9_-]{16,64}")) {
            throw new IllegalArgumentException("nonce must be 16 to 64 base64url characters");
        }
        Contract.requireId("keyId", keyId);
    }

    public byte[] canonicalBytes() {
        return (DOMAIN + '\n' + park + '\n' + tenant + '\n' + String.join(",", doors) + '\n' + validFrom + '\n'
                + validUntil + '\n' + nonce + '\n' + keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** This pass signed with {@code key}. */
    public TenantPass signedWith(PrivateKey key) {
        return new TenantPass(v, park, tenant, doors, validFrom, validUntil, nonce, keyId,
                Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.sign(key, canonicalBytes())));
    }

    /** Whether {@code key} signed exactly this pass. */
    public boolean verifies(PublicKey key) {
        if (sig == null) {
            return false;
        }
        try {
            return Ed25519.verify(key, canonicalBytes(), Base64.getUrlDecoder().decode(sig));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "TenantPass[" + tenant + ", doors=" + doors + ", until " + validUntil + "]";
    }
}
