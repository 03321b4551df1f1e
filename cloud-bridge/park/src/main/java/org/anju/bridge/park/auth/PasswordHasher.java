package org.anju.bridge.park.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords as PBKDF2-HMAC-SHA256 hashes with a random salt, in the JDK without extra libraries:
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}. The iteration count is stored with each hash, so
 * raising it later makes new hashes slower without locking anyone out. Slow on purpose: a stolen
 * table of hashes must be expensive to guess from. Hashing blocks for a noticeable time: never on
 * an event loop.
 */
public final class PasswordHasher {
    /** OWASP's figure for PBKDF2-HMAC-SHA256. */
    public static final int PRODUCTION_ITERATIONS = 600_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int iterations) {
        if (iterations < 10_000) {
            throw new IllegalArgumentException("at least 10000 iterations");
        }
        this.iterations = iterations;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} matches {@code stored}; false for anything malformed. Constant time in the hash compare. */
    public boolean matches(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int n = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** For a password that must be checked but no account exists: the same work, so timing tells nothing. */
    public void burn(char[] password) {
        derive(password, "no-such-account!".getBytes(StandardCharsets.US_ASCII), iterations);
    }
}
