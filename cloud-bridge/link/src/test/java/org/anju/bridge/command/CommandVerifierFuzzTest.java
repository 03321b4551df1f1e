package org.anju.bridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.Topics;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever arrives on a gateway's command topic, mutated from the contract's signed example (the
 * seed in this test's inputs), the verifier answers with a verdict and never a bug: anything it
 * accepts is exactly the command the park signed, so no edit to a signed command opens a door.
 */
class CommandVerifierFuzzTest {
    /** CONTRACT.md's example key, which signed the example command. */
    private static final String EXAMPLE_PUBLIC_KEY = "MCowBQYDK2VwAyEADMlqXK4kKNE6A3gVAXQWHKOgrQUwEf1wHJOnXoKwrd8=";
    private static final Instant EXAMPLE_ISSUED = Instant.ofEpochMilli(1773561600000L);
    private static final CommandVerifier.Settings SETTINGS;

    static {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(EXAMPLE_PUBLIC_KEY)));
            SETTINGS = CommandVerifier.Settings.of(new Topics("huaqiao-p1", "gw-b07"), Map.of("park-2026a", key));
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void anythingAcceptedIsTheSignedCommandItself(byte[] payload) throws IOException {
        Clock clock = Clock.fixed(EXAMPLE_ISSUED.plusSeconds(1), ZoneOffset.UTC);
        CommandVerifier verifier = new CommandVerifier(SETTINGS, new NonceCache(NonceStore.inMemory(), 100, clock), clock);

        Verdict verdict = verifier.verify(payload);

        if (verdict instanceof Verdict.Accepted accepted) {
            VerifiedCommand c = accepted.command();
            assertThat(c.requestId()).isEqualTo("req-20260315-0001");
            assertThat(c.keyId()).isEqualTo("park-2026a");
            assertThat(c.issuedAt()).isEqualTo(EXAMPLE_ISSUED);
            assertThat(c.expiresAt()).isEqualTo(EXAMPLE_ISSUED.plusSeconds(30));
            assertThat(c.body()).isEqualTo(new CommandBody.DoorOpen("entrance-1", "t-8f3a"));
        } else {
            assertThat(((Verdict.Rejected) verdict).detail()).as("a check that threw").doesNotStartWith("could not be checked");
        }
    }
}
