package org.anju.bridge.contract;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signatures on whole MQTT payloads: what the gateway publishes (event batches, birth, death,
 * command replies) and the park's delivery receipts. The signature is the payload's last field,
 * written with no spaces: the payload ends with {@code ,"sig":"} + 86 base64url characters +
 * {@code "}}. The signed bytes are a fixed domain line, then the SHA-256 of the payload with that
 * ending replaced by {@code }}: exactly the JSON the reader then decodes, so neither end
 * re-serialises anything and nothing unsigned can be read as signed. Signing the digest rather than
 * the payload keeps a 40 KB batch as cheap to sign and check as a receipt (Ed25519 hashes its whole
 * input twice). Any Ed25519 tool can check it (CONTRACT.md shows how).
 */
public final class SignedJson {
    /** What a gateway signs with its own key. */
    public static final String GATEWAY = "anju-gateway-v" + Contract.VERSION;
    /** What the park signs with its command key besides commands. */
    public static final String RECEIPT = "anju-receipt-v" + Contract.VERSION;

    private static final byte[] FIELD = ",\"sig\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SIG_CHARS = 86;
    /** {@code ,"sig":"} + signature + {@code "}}. */
    static final int ENDING = FIELD.length + SIG_CHARS + 2;

    /** A payload taken apart: its JSON without the signature, or why it is not signed as it must be. */
    public sealed interface Opened {
        record Valid(byte[] json) implements Opened {
        }

        record Invalid(String reason) implements Opened {
        }
    }

    private SignedJson() {
    }

    /** {@code json} (a compact object as {@link ContractJson#encode} writes it) with its signature appended. */
    public static byte[] sign(String domain, byte[] json, PrivateKey key) {
        if (json.length < 2 || json[0] != '{' || json[json.length - 1] != '}') {
            throw new IllegalArgumentException("only a JSON object can be signed");
        }
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(signature(domain, json, key));
        byte[] out = Arrays.copyOf(json, json.length - 1 + ENDING);
        int at = json.length - 1;
        System.arraycopy(FIELD, 0, out, at, FIELD.length);
        at += FIELD.length;
        byte[] s = sig.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, out, at, s.length);
        out[out.length - 2] = '"';
        out[out.length - 1] = '}';
        return out;
    }

    public static byte[] sign(String domain, Object record, PrivateKey key) {
        return sign(domain, ContractJson.encode(record), key);
    }

    /** The JSON that {@code key} signed, if it did; never throws. */
    public static Opened open(String domain, byte[] payload, PublicKey key) {
        byte[] json = unsigned(payload);
        if (json == null) {
            return new Opened.Invalid("unsigned");
        }
        byte[] sig;
        try {
            String text = new String(payload, payload.length - 2 - SIG_CHARS, SIG_CHARS, StandardCharsets.US_ASCII);
            sig = Base64.getUrlDecoder().decode(text);
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(sig).equals(text)) {
                return new Opened.Invalid("bad-signature");
            }
            return Ed25519.verify(key, signedBytes(domain, json), sig) ? new Opened.Valid(json)
                    : new Opened.Invalid("bad-signature");
        } catch (IllegalArgumentException e) {
            return new Opened.Invalid("bad-signature");
        }
    }

    /**
     * The JSON without its signature field, unchecked: for a reader that only needs to know what
     * a message claims before it knows whose key to check it with. Null when it has no signature
     * ending.
     */
    public static byte[] unsigned(byte[] payload) {
        if (payload == null || payload.length < ENDING + 2 || payload[payload.length - 1] != '}'
                || payload[payload.length - 2] != '"') {
            return null;
        }
        int at = payload.length - ENDING;
        for (int i = 0; i < FIELD.length; i++) {
            if (payload[at + i] != FIELD[i]) {
                return null;
            }
        }
        for (int i = at + FIELD.length; i < payload.length - 2; i++) {
            byte b = payload[i];
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '-' || b == '_')) {
                return null;
            }
        }
        byte[] json = Arrays.copyOf(payload, at + 1);
        json[at] = '}';
        return json;
    }

    private static byte[] signature(String domain, byte[] json, PrivateKey key) {
        return Ed25519.sign(key, signedBytes(domain, json));
    }

    /** The domain line, a line feed, and the 32 bytes of the JSON's SHA-256. */
    static byte[] signedBytes(String domain, byte[] json) {
        byte[] line = (domain + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(json);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        byte[] out = Arrays.copyOf(line, line.length + digest.length);
        System.arraycopy(digest, 0, out, line.length, digest.length);
        return out;
    }
}
