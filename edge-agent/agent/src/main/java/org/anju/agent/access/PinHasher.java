package org.anju.agent.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes PINs with HMAC-SHA256 under a per-gateway secret key.
 *
 * <p>Why a keyed hash and not a salted slow hash (PBKDF2): the roster looks a typed PIN up by its
 * stored value, which needs the same hash for the same PIN, so per-row salts are out. And a PIN
 * has at most 10^12 (usually 10^6) values: without a secret, any hash of it is brute-forced in
 * seconds whatever its cost factor. The secret key, kept in a file outside the database and
 * readable only by the agent, is what keeps PINs safe in a copied or discarded database file.
 */
public final class PinHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    public PinHasher(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the PIN key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** A fresh random key for a new gateway; the wiring stores it once, next to the database. */
    public static byte[] newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    public String hash(Credential.Pin pin) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(pin.digits().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java SE runtime: reaching this is a broken JDK
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
