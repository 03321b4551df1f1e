package org.anju.bridge.park.api;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.anju.bridge.contract.TenantPass;

/** Signs tenants' single-use passes with the park's command key, for opening doors on the building's Wi-Fi. */
public final class PassIssuer {
    static final int BATCH = 5;
    static final Duration LIFETIME = Duration.ofHours(24);

    private final String park;
    private final String keyId;
    private final PrivateKey key;
    private final SecureRandom random = new SecureRandom();

    public PassIssuer(String park, String keyId, PrivateKey key) {
        this.park = park;
        this.keyId = keyId;
        this.key = key;
    }

    /** The id the gateways know the command key by ({@code park.commandKeys[].id}). */
    String keyId() {
        return keyId;
    }

    /** The command key's public half, PEM: what every gateway is given to check commands and passes with. */
    String publicKeyPem() {
        return org.anju.bridge.contract.Ed25519Keys.toPem(org.anju.bridge.contract.Ed25519Keys.publicOf(key));
    }

    /** A batch of passes for {@code doors}, each good once, from now for a day or until {@code leaseEnd}. */
    List<TenantPass> issue(String tenant, List<String> doors, long now, long leaseEnd) {
        long until = Math.min(now + LIFETIME.toMillis(), leaseEnd);
        return java.util.stream.IntStream.range(0, BATCH).mapToObj(i -> {
            byte[] nonce = new byte[18];
            random.nextBytes(nonce);
            return new TenantPass(org.anju.bridge.contract.Contract.VERSION, park, tenant, doors, now, until, Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                    keyId, null).signedWith(key);
        }).toList();
    }
}
