package org.anju.bridge.access;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Offline PINs, computed by the tenant's phone and checked by the gateway at the keypad with no
 * network between them. The rule, exactly (both ends implement it; the phone page in JavaScript):
 * <ol>
 * <li>The park and each gateway share a secret S (32 bytes, the {@code offlinePinKeyFile} of both).</li>
 * <li>A tenant's key is K = HMAC-SHA256(S, UTF-8 "anju/offline-pin/v1/" + tenantId). The park
 *     gives a tenant their own K only; the gateway derives it again for the tenants its roster
 *     lets through the door.</li>
 * <li>The code for a moment is RFC 6238 TOTP with HMAC-SHA256, T0 = 0, a {@value #STEP_SECONDS} s
 *     step and {@value #DIGITS} digits: counter = floor(unix seconds / step) as 8 bytes big-endian,
 *     h = HMAC-SHA256(K, counter), o = h[31] &amp; 0x0f, the 31 bits from h[o..o+3], modulo 10^8,
 *     zero-padded.</li>
 * <li>The gateway accepts the code of the current step and of the one before, so a code lives 5
 *     to 10 minutes; it must stay within the tenant's lease, for a door the roster grants them.</li>
 * </ol>
 * Eight digits because the gateway tries every tenant of the door: with 200 tenants and two steps
 * a random guess hits one in 250,000, and the keypad locks after a few wrong entries.
 */
public final class OfflinePin {
    public static final int DIGITS = 8;
    public static final long STEP_SECONDS = 300;
    private static final int MODULO = 100_000_000;

    private OfflinePin() {
    }

    /** A tenant's key from the shared secret. */
    public static byte[] tenantKey(byte[] secret, String tenantId) {
        return hmac(secret, ("anju/offline-pin/v1/" + tenantId).getBytes(StandardCharsets.UTF_8));
    }

    /** The code at {@code epochSeconds} with the park's step. */
    public static String code(byte[] tenantKey, long epochSeconds) {
        return totp(tenantKey, epochSeconds / STEP_SECONDS);
    }

    /** Whether {@code entered} is the tenant's code now or one step ago. */
    public static boolean matches(byte[] tenantKey, String entered, long epochSeconds) {
        if (entered == null || entered.length() != DIGITS) {
            return false;
        }
        long step = epochSeconds / STEP_SECONDS;
        return java.security.MessageDigest.isEqual(totp(tenantKey, step).getBytes(StandardCharsets.US_ASCII),
                entered.getBytes(StandardCharsets.US_ASCII))
                | java.security.MessageDigest.isEqual(totp(tenantKey, step - 1).getBytes(StandardCharsets.US_ASCII),
                entered.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 6238 with HMAC-SHA256 and eight digits for the given counter. */
    static String totp(byte[] key, long counter) {
        byte[] h = hmac(key, ByteBuffer.allocate(8).putLong(counter).array());
        int o = h[h.length - 1] & 0x0f;
        int binary = (h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff);
        return String.format("%08d", binary % MODULO);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
