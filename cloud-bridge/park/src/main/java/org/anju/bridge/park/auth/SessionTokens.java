package org.anju.bridge.park.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The text of a session token: {@code v2.ID.SIGNATURE}, where ID is 128 random bits and the
 * signature an HMAC-SHA256 under the park's session key (from configuration). The signature
 * turns away forged and garbled tokens without asking the store; whether the session is still
 * live (not signed out, not ended by a password change or a disabled account, not expired) is
 * the store's to say ({@link Sessions}). The store keeps only {@link #hash(String)} of an id. The
 * same scheme makes the event stream's single-use tickets. A token holds no personal data.
 */
public final class SessionTokens {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SessionTokens(String hexKey) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hexKey == null ? "" : hexKey.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length < 32) {
            throw new IllegalArgumentException("the session key must be at least 64 hex digits, e.g. from: openssl rand -hex 32");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** A fresh random id. */
    public String newId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The token that carries {@code id}. */
    public String token(String id) {
        String body = "v2." + id;
        return body + "." + sign(body);
    }

    /** The id a genuine token carries; empty for anything this park did not sign. */
    public Optional<String> id(String token) {
        if (token == null || token.length() > 128) {
            return Optional.empty();
        }
        int cut = token.lastIndexOf('.');
        if (cut < 0 || !token.startsWith("v2.")) {
            return Optional.empty();
        }
        String body = token.substring(0, cut);
        byte[] given = token.substring(cut + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, sign(body).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String id = body.substring(3);
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** What the store keeps of an id, a ticket or an invitation code: its SHA-256, in hex. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
