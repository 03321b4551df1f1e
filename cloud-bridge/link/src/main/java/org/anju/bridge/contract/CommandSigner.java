package org.anju.bridge.contract;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The park's end of command signing: builds and signs {@link SignedCommand}s with one Ed25519 key. */
public final class CommandSigner {
    private final String keyId;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CommandSigner(String keyId, PrivateKey key, Clock clock) {
        this.keyId = Contract.requireId("keyId", keyId);
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("a command signing key is Ed25519, not " + key.getAlgorithm());
        }
        this.key = key;
        this.clock = clock;
    }

    /** A command for {@code gateway}, valid from now for {@code ttl}, with a fresh request id and nonce. */
    public SignedCommand sign(Topics gateway, CommandBody body, Duration ttl) {
        return sign(gateway, UUID.randomUUID().toString(), body, ttl);
    }

    public SignedCommand sign(Topics gateway, String requestId, CommandBody body, Duration ttl) {
        String text;
        try {
            text = ContractJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a command body record did not serialise", e);
        }
        Instant now = clock.instant();
        return signText(gateway, requestId, body.kind().wireName(), text, now, now.plus(ttl), newNonce());
    }

    /** Signs exactly the given fields; for kinds this end does not model, and for tests of the gateway. */
    public SignedCommand signText(Topics gateway, String requestId, String kind, String bodyText, Instant issuedAt,
                                  Instant expiresAt, String nonce) {
        byte[] canonical = CommandSigning.canonicalBytes(requestId, kind, gateway.park(), gateway.gateway(),
                issuedAt.toEpochMilli(), expiresAt.toEpochMilli(), nonce, keyId, bodyText);
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.sign(key, canonical));
        return new SignedCommand(Contract.VERSION, requestId, kind, gateway.park(), gateway.gateway(),
                issuedAt.toEpochMilli(), expiresAt.toEpochMilli(), nonce, keyId, bodyText, sig);
    }

    /** 16 random bytes, base64url: 22 characters. */
    public String newNonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
