package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.Signature;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The contract's Ed25519 (BouncyCastle's RFC 8032 code) against the JDK's own, an independent
 * implementation: the same key and message give the same 64 bytes, each checks the other's
 * signatures, and a changed byte fails both.
 */
class Ed25519Test {
    private static final KeyPair KEYS = Ed25519Keys.generate();

    @Property(tries = 200)
    void signaturesAreTheJdksByteForByteAndEachChecksTheOthers(@ForAll @Size(max = 300) byte[] message,
                                                              @ForAll int flip) throws Exception {
        byte[] ours = Ed25519.sign(KEYS.getPrivate(), message);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KEYS.getPrivate());
        jdk.update(message);
        byte[] theirs = jdk.sign();
        assertThat(ours).isEqualTo(theirs);

        jdk.initVerify(KEYS.getPublic());
        jdk.update(message);
        assertThat(jdk.verify(ours)).isTrue();
        assertThat(Ed25519.verify(KEYS.getPublic(), message, theirs)).isTrue();

        byte[] changed = Arrays.copyOf(ours, ours.length);
        changed[Math.floorMod(flip, changed.length)] ^= (byte) (1 << Math.floorMod(flip >> 8, 8));
        assertThat(Ed25519.verify(KEYS.getPublic(), message, changed)).isFalse();
        if (message.length > 0) {
            byte[] other = message.clone();
            other[Math.floorMod(flip, other.length)] ^= 1;
            assertThat(Ed25519.verify(KEYS.getPublic(), other, ours)).isFalse();
        }
    }

    @Property(tries = 20)
    void thePublicHalfOfAKeyIsTheOneTheJdkMade() {
        KeyPair pair = Ed25519Keys.generate();
        assertThat(Ed25519Keys.publicOf(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Property(tries = 50)
    void anythingThatIsNotASignatureIsRefusedWithoutThrowing(@ForAll @Size(max = 80) byte[] sig) {
        assertThat(Ed25519.verify(KEYS.getPublic(), new byte[] {1, 2, 3}, sig)).isFalse();
        assertThat(Ed25519.verify(Ed25519Keys.generate().getPublic(), new byte[0],
                Ed25519.sign(KEYS.getPrivate(), new byte[0]))).as("another key's").isFalse();
    }
}
