package org.anju.bridge.park.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session tokens the bridge signs itself (HMAC-SHA256 with a key from configuration): no session
 * table to look up on every request, and several bridge instances with the same key accept each
 * other's tokens. A token is {@code v1.ACCOUNT.ROLE.EXPIRES.SIGNATURE}; it holds no personal data.
 */
public final class SessionTokens {
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;

    public SessionTokens(String hexKey, Clock clock, Duration lifetime) {
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
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String issue(Principal who) {
        if (!ACCOUNT.matcher(who.accountId()).matches()) {
            throw new IllegalArgumentException("an account id is letters, digits, _ and -");
        }
        String body = "v1." + who.accountId() + "." + who.role().name() + "." + clock.instant().plus(lifetime).getEpochSecond();
        return body + "." + sign(body);
    }

    /** The principal of a valid, unexpired token; empty for anything else. */
    public Optional<Principal> verify(String token) {
        if (token == null || token.length() > 256) {
            return Optional.empty();
        }
        int cut = token.lastIndexOf('.');
        if (cut < 0) {
            return Optional.empty();
        }
        String body = token.substring(0, cut);
        byte[] given = token.substring(cut + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, sign(body).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.");
        if (parts.length != 4 || !parts[0].equals("v1")) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[3]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Principal(parts[1], Role.valueOf(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
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
