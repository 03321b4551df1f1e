package org.anju.bridge.park.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal fields at rest (ID numbers) with AES-256-GCM under a key from the bridge's
 * configuration, never from the database, so a copied database file alone reveals nothing. Each
 * value gets a fresh 96-bit nonce; the row's id is bound in as associated data, so a ciphertext
 * moved onto another tenant's row does not decrypt. The stored text is {@code v1:} and base64 of
 * nonce and ciphertext; the version leaves room to rotate the key.
 */
public final class FieldCipher {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecretKeySpec fingerprintKey;
    private final SecureRandom random = new SecureRandom();

    private FieldCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
        // a key of its own for fingerprints, derived so the data key is never used for two things
        this.fingerprintKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "anju-fingerprint-v1"), "HmacSHA256");
    }

    /**
     * A keyed fingerprint of {@code plain} (HMAC-SHA256 under a key derived from the data key): the
     * same value always gives the same text, so two leases of one person can be recognised without
     * storing the number in clear or sealing it the same way twice. Without the data key it cannot
     * be checked against guesses, which a plain hash of an ID number could.
     */
    public String fingerprint(String plain) {
        return "f1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(fingerprintKey, plain));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** A cipher for a 256-bit key written as 64 hex digits; an {@link IllegalArgumentException} says what is wrong. */
    public static FieldCipher fromHex(String hex) {
        byte[] key;
        try {
            key = HexFormat.of().parseHex(hex == null ? "" : hex.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the data key must be 64 hex digits (32 bytes), e.g. from: openssl rand -hex 32");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("the data key must be 64 hex digits (32 bytes), not " + key.length * 2);
        }
        return new FieldCipher(key);
    }

    public String encrypt(String plain, String rowId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The plain text, or an {@link IllegalArgumentException} if the value was not sealed by this key for this row. */
    public String decrypt(String stored, String rowId) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an encrypted field");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(rowId.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the field does not decrypt with this key for this row");
        }
    }
}
