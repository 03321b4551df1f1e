package org.anju.bridge.park.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

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

    /** Iterations between two checkpoints: a few milliseconds of hashing. */
    private static final int STEP = 8_192;
    /** How many of the latest hashes' durations are kept to answer a made-up login in the same time. */
    private static final int TIMES_KEPT = 32;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLongArray recentNanos = new AtomicLongArray(TIMES_KEPT);
    private final AtomicInteger hashesTimed = new AtomicInteger();

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
                + b64.encodeToString(timed(password, salt, iterations));
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
            return MessageDigest.isEqual(expected, timed(password, salt, n));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Derives, and keeps the time it took when done at this hasher's own iterations. */
    private byte[] timed(char[] password, byte[] salt, int n) {
        long t0 = System.nanoTime();
        byte[] derived = derive(password, salt, n);
        if (n == iterations) {
            recentNanos.set(Math.floorMod(hashesTimed.getAndIncrement(), TIMES_KEPT), System.nanoTime() - t0);
        }
        return derived;
    }

    /**
     * PBKDF2-HMAC-SHA256, one 32-byte block, as the JDK's {@code PBKDF2WithHmacSHA256} computes it
     * (the password as UTF-8 is the HMAC key), but in steps: every {@link #STEP} iterations the
     * hash passes {@link HashPool#checkpoint}, where a flood's hash stands aside while a person's
     * runs. An empty password (which HMAC cannot take as its key here) goes to the JDK's.
     */
    static byte[] derive(char[] password, byte[] salt, int iterations) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] key = new byte[encoded.remaining()];
        encoded.get(key);
        Arrays.fill(encoded.array(), (byte) 0);
        if (key.length == 0) {
            return jdkDerive(password, salt, iterations);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                if (i % STEP == 0) {
                    HashPool.checkpoint();
                }
                mac.update(u);
                mac.doFinal(u, 0);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The JDK's own PBKDF2, in one piece: the reference {@link #derive} agrees with. */
    static byte[] jdkDerive(char[] password, byte[] salt, int iterations) {
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
        timed(password, "no-such-account!".getBytes(StandardCharsets.US_ASCII), iterations);
    }

    /**
     * How long a hash takes here: one of the latest hashes' times, drawn at random so a made-up
     * login can be answered after as long as a real one, with the same spread, without spending a
     * core on it (which is what a flood of made-up names would buy). Empty until a hash was timed.
     */
    public Optional<Duration> timeOfOne() {
        int timed = Math.min(hashesTimed.get(), TIMES_KEPT);
        if (timed == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(recentNanos.get(random.nextInt(timed))));
    }
}
