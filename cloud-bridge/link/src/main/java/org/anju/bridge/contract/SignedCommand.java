package org.anju.bridge.contract;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A command as it travels on {@code .../cmd}: the envelope the park signs with Ed25519, and the
 * body as a JSON text. The signature covers {@link CommandSigning#canonicalBytes(SignedCommand)}:
 * every field but {@code sig}, the body as the exact text sent. Signing text rather than a
 * re-serialised object means no JSON canonicalisation is needed on either end.
 *
 * @param id        the request id the reply carries back (the park chooses it, e.g. a UUID)
 * @param kind      a {@link CommandKind} wire name; kept as text so an unknown one can be named
 * @param gateway   the gateway this command is for; a gateway acts only on its own, so a command
 *                  signed for one gateway cannot be replayed at another
 * @param issuedAt  park clock, epoch milliseconds
 * @param expiresAt park clock, epoch milliseconds; after it the command is refused
 * @param nonce     random, base64url, at least 16 characters: refused if seen before
 * @param keyId     which park key signed (keys rotate)
 * @param body      the body record of {@code kind} as JSON text
 * @param sig       Ed25519 signature, base64url without padding
 */
@JsonPropertyOrder({"v", "id", "kind", "park", "gateway", "issuedAt", "expiresAt", "nonce", "keyId", "body", "sig"})
public record SignedCommand(int v, String id, String kind, String park, String gateway, long issuedAt, long expiresAt,
                            String nonce, String keyId, String body, String sig) {

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern SIG = Pattern.compile("[A-Za-z0-9_-]{86}");

    public SignedCommand {
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        Contract.requireId("id", id);
        Contract.requireType("kind", kind);
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
        if (issuedAt < 0 || expiresAt <= issuedAt) {
            throw new IllegalArgumentException("expiresAt must be after issuedAt");
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            throw new IllegalArgumentException("nonce must be 16 to 64 base64url characters");
        }
        Contract.requireId("keyId", keyId);
        if (body == null || body.length() > CommandSigning.MAX_BODY_CHARS) {
            throw new IllegalArgumentException("body must be a JSON text of at most "
                    + CommandSigning.MAX_BODY_CHARS + " characters");
        }
        if (sig == null || !SIG.matcher(sig).matches()) {
            throw new IllegalArgumentException("sig must be an Ed25519 signature in base64url (86 characters)");
        }
    }

    @Override
    public String toString() {
        // the body may hold a roster: names, cards, PINs
        return "SignedCommand[id=" + id + ", kind=" + kind + ", park=" + park + ", gateway=" + gateway
                + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", keyId=" + keyId + "]";
    }
}
