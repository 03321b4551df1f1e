package org.anju.bridge.contract;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one Ed25519 (RFC 8032) every signature of the contract is made and checked with:
 * BouncyCastle's lightweight implementation ({@code org.bouncycastle.math.ec.rfc8032}), behind
 * the JDK key objects {@link Ed25519Keys} reads and writes (the PEM files OpenSSL makes), so key
 * files and signatures are byte for byte what the JDK's own Ed25519 gave. It is about ten times
 * faster than JDK 17's on the park's hardware (0.12 ms a check against 1.5 ms), which is what lets
 * one bridge check every batch of a park draining at once. A key's decoded form is kept while the
 * key object lives, so a gateway's key is decoded once, not per batch.
 */
final class Ed25519 {
    private static final int KEY = org.bouncycastle.math.ec.rfc8032.Ed25519.PUBLIC_KEY_SIZE;
    static final int SIGNATURE = org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE;
    /** An X.509 SubjectPublicKeyInfo of an Ed25519 key: this prefix, then the 32 bytes of the point. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private record Signer(byte[] seed, byte[] publicKey) {
    }

    /** Absent for a key that is not a valid point: nothing verifies with it. */
    private record Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point) {
    }

    private static final Map<PrivateKey, Signer> SIGNERS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<PublicKey, Verifier> VERIFIERS = Collections.synchronizedMap(new WeakHashMap<>());

    private Ed25519() {
    }

    /** {@code key}'s signature of {@code message}: 64 bytes. */
    static byte[] sign(PrivateKey key, byte[] message) {
        Signer s = SIGNERS.computeIfAbsent(key, Ed25519::signer);
        byte[] sig = new byte[SIGNATURE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(s.seed(), 0, s.publicKey(), 0, message, 0, message.length, sig, 0);
        return sig;
    }

    /** Whether {@code sig} is {@code key}'s signature of {@code message}; never throws. */
    static boolean verify(PublicKey key, byte[] message, byte[] sig) {
        if (sig == null || sig.length != SIGNATURE || key == null) {
            return false;
        }
        Verifier v = VERIFIERS.computeIfAbsent(key, Ed25519::verifier);
        return v.point() != null && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, v.point(), message, 0,
                message.length);
    }

    /** The 32-byte public key of a private key's seed. */
    static byte[] publicKeyOf(PrivateKey key) {
        return SIGNERS.computeIfAbsent(key, Ed25519::signer).publicKey().clone();
    }

    /** The 32 bytes of an Ed25519 public key (the point as RFC 8032 encodes it). */
    static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der == null || der.length != SPKI_PREFIX.length + KEY
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + key.getAlgorithm() + ")");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** The X.509 encoding of a 32-byte public key, as {@link Ed25519Keys} reads it. */
    static byte[] spki(byte[] raw) {
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, KEY);
        return der;
    }

    private static Signer signer(PrivateKey key) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty() || ed.getBytes().get().length != KEY) {
            throw new IllegalArgumentException("not an Ed25519 private key (" + key.getAlgorithm() + ")");
        }
        byte[] seed = ed.getBytes().get();
        byte[] pub = new byte[KEY];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
        return new Signer(seed, pub);
    }

    private static Verifier verifier(PublicKey key) {
        try {
            return new Verifier(org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(raw(key), 0));
        } catch (IllegalArgumentException e) {
            return new Verifier(null);
        }
    }
}
