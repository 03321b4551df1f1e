package org.anju.bridge.contract;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * The bytes a command's signature covers, and the check. The canonical form is UTF-8 text, one
 * field per line, in this order, after a fixed first line that keeps a signature made for anything
 * else from ever passing as a command signature:
 *
 * <pre>
 * anju-command-v1 LF id LF kind LF park LF gateway LF issuedAt LF expiresAt LF nonce LF keyId LF body
 * </pre>
 *
 * Numbers are decimal without sign or leading zeros; {@code body} is the exact text of the
 * {@code body} field and comes last, so it may hold anything; no other field can hold a line feed
 * (their patterns exclude it), so the form is unambiguous. Any Ed25519 implementation can sign it
 * (CONTRACT.md shows it done with the {@code openssl} command line).
 */
public final class CommandSigning {
    public static final String DOMAIN = "anju-command-v" + Contract.VERSION;

    /** The longest body accepted, in characters: room for a roster snapshot of a large building. */
    public static final int MAX_BODY_CHARS = 1 << 20;

    private CommandSigning() {
    }

    public static byte[] canonicalBytes(SignedCommand c) {
        return canonicalBytes(c.id(), c.kind(), c.park(), c.gateway(), c.issuedAt(), c.expiresAt(), c.nonce(),
                c.keyId(), c.body());
    }

    public static byte[] canonicalBytes(String id, String kind, String park, String gateway, long issuedAt,
                                        long expiresAt, String nonce, String keyId, String body) {
        String text = DOMAIN + '\n' + id + '\n' + kind + '\n' + park + '\n' + gateway + '\n' + issuedAt + '\n'
                + expiresAt + '\n' + nonce + '\n' + keyId + '\n' + body;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * True when {@code sig} is {@code key}'s Ed25519 signature of the command, in canonical base64url
     * (unused trailing bits zero, so one signature has one spelling); never throws.
     */
    public static boolean verify(PublicKey key, SignedCommand command) {
        try {
            byte[] sig = Base64.getUrlDecoder().decode(command.sig());
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(sig).equals(command.sig())) {
                return false;
            }
            return Ed25519.verify(key, canonicalBytes(command), sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
