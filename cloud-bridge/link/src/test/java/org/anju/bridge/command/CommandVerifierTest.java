package org.anju.bridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.anju.bridge.testing.MutableClock;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;

class CommandVerifierTest {
    private static final KeyPair PARK = Ed25519Keys.generate();
    private static final KeyPair OLD_PARK = Ed25519Keys.generate();
    private static final Topics SELF = new Topics("p1", "gw-1");
    private static final Instant T0 = Instant.parse("2026-03-15T08:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final CommandSigner signer = new CommandSigner("k-2026", PARK.getPrivate(), clock);

    private CommandVerifier verifier(NonceStore store) throws IOException {
        return new CommandVerifier(CommandVerifier.Settings.of(SELF, Map.of("k-2026", PARK.getPublic(),
                "k-2025", OLD_PARK.getPublic())), new NonceCache(store, 1000, clock), clock);
    }

    private static byte[] json(SignedCommand c) {
        return ContractJson.encode(c);
    }

    private static Verdict.Rejected rejected(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Rejected.class);
        return (Verdict.Rejected) v;
    }

    @Test
    void aValidCommandIsAcceptedWithItsTypedBody() throws IOException {
        SignedCommand c = signer.sign(SELF, "req-1", new CommandBody.ChargeStart("pile-3", 4, "t-1", 60, null),
                Duration.ofSeconds(30));
        Verdict v = verifier(NonceStore.inMemory()).verify(json(c));
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        VerifiedCommand command = ((Verdict.Accepted) v).command();
        assertThat(command.requestId()).isEqualTo("req-1");
        assertThat(command.body()).isEqualTo(new CommandBody.ChargeStart("pile-3", 4, "t-1", 60, null));
        assertThat(command.keyId()).isEqualTo("k-2026");
        assertThat(command.expiresAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void anOlderTrustedKeyStillWorksAndAnUntrustedOneDoesNot() throws IOException {
        CommandVerifier verifier = verifier(NonceStore.inMemory());
        CommandSigner old = new CommandSigner("k-2025", OLD_PARK.getPrivate(), clock);
        assertThat(verifier.verify(json(old.sign(SELF, new CommandBody.ChargeStop("pile-3", 1, null, null), Duration.ofSeconds(30)))))
                .isInstanceOf(Verdict.Accepted.class);
        CommandSigner stranger = new CommandSigner("k-9999", Ed25519Keys.generate().getPrivate(), clock);
        Verdict.Rejected r = rejected(verifier.verify(json(stranger.sign(SELF, new CommandBody.ChargeStop("pile-3", 1, null, null),
                Duration.ofSeconds(30)))));
        assertThat(r.reason()).isEqualTo(ReplyResult.BAD_SIGNATURE);
        assertThat(r.detail()).contains("k-9999").contains("not trusted");
    }

    @Test
    void theValidityWindowIsEnforcedWithSkewBothWaysAndALongestLifetime() throws IOException {
        CommandVerifier verifier = verifier(NonceStore.inMemory());
        CommandBody body = new CommandBody.DoorOpen("entrance-1", null);

        SignedCommand expiring = signer.sign(SELF, body, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(59)); // 30 s validity + 30 s skew: still in
        assertThat(verifier.verify(json(expiring))).isInstanceOf(Verdict.Accepted.class);

        SignedCommand expired = signer.sign(SELF, body, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(61));
        Verdict.Rejected late = rejected(verifier.verify(json(expired)));
        assertThat(late.reason()).isEqualTo(ReplyResult.EXPIRED);
        assertThat(late.detail()).contains("expired 31 s ago");

        Instant now = clock.instant();
        SignedCommand future = signer.signText(SELF, "req-f", "door.open", "{\"door\":\"entrance-1\"}",
                now.plusSeconds(120), now.plusSeconds(150), signer.newNonce());
        assertThat(rejected(verifier.verify(json(future))).detail()).contains("future");

        SignedCommand forever = signer.sign(SELF, body, Duration.ofDays(365));
        Verdict.Rejected tooLong = rejected(verifier.verify(json(forever)));
        assertThat(tooLong.reason()).isEqualTo(ReplyResult.EXPIRED);
        assertThat(tooLong.detail()).contains("longer than");
    }

    @Test
    void aNonceIsRememberedAcrossARestartUntilItsCommandCouldNoLongerPass() throws IOException {
        NonceStore disk = NonceStore.inMemory(); // stands for the file: it outlives the verifier
        SignedCommand c = signer.sign(SELF, new CommandBody.DoorOpen("entrance-1", null), Duration.ofSeconds(30));
        assertThat(verifier(disk).verify(json(c))).isInstanceOf(Verdict.Accepted.class);
        assertThat(rejected(verifier(disk).verify(json(c))).reason()).isEqualTo(ReplyResult.REPLAYED);
        // a restart after the command expired: the nonce may be gone, the command is refused anyway
        clock.advance(Duration.ofMinutes(2));
        CommandVerifier restarted = verifier(disk);
        assertThat(rejected(restarted.verify(json(c))).reason()).isEqualTo(ReplyResult.EXPIRED);
    }

    @Test
    void checksRunInTheDocumentedOrder() throws IOException {
        CommandVerifier verifier = verifier(NonceStore.inMemory());
        // a forged command for another gateway, expired, unknown kind: the signature is what fails
        CommandSigner forger = new CommandSigner("k-2026", Ed25519Keys.generate().getPrivate(), clock);
        SignedCommand everythingWrong = forger.signText(new Topics("p1", "gw-9"), "req-x", "lift.call", "{}",
                T0.minusSeconds(600), T0.minusSeconds(590), forger.newNonce());
        assertThat(rejected(verifier.verify(json(everythingWrong))).reason()).isEqualTo(ReplyResult.BAD_SIGNATURE);
        // signed, but for another gateway and expired: it is not ours
        SignedCommand elsewhere = signer.signText(new Topics("p1", "gw-9"), "req-y", "lift.call", "{}",
                T0.minusSeconds(600), T0.minusSeconds(590), signer.newNonce());
        assertThat(rejected(verifier.verify(json(elsewhere))).reason()).isEqualTo(ReplyResult.WRONG_GATEWAY);
        // a body that breaks its record: malformed, and the reason names the field, not the value
        SignedCommand badBody = signer.signText(SELF, "req-z", "roster.delta",
                "{\"fromVersion\":1,\"toVersion\":2,\"upserts\":[{\"id\":\"t-1\",\"displayName\":\"Zhang Wei\","
                        + "\"room\":\"3-201\",\"validFrom\":0,\"validUntil\":1,\"credentials\":[{\"kind\":\"pin\","
                        + "\"value\":\"12\"}],\"doors\":[]}],\"removals\":[]}",
                T0, T0.plusSeconds(30), signer.newNonce());
        Verdict.Rejected malformed = rejected(verifier.verify(json(badBody)));
        assertThat(malformed.reason()).isEqualTo(ReplyResult.MALFORMED);
        assertThat(malformed.detail()).contains("PIN").doesNotContain("Zhang").doesNotContain("\"12\"");
        SignedCommand duplicateKeys = signer.signText(SELF, "req-d", "door.open",
                "{\"door\":\"entrance-1\",\"door\":\"back-door\"}", T0, T0.plusSeconds(30), signer.newNonce());
        assertThat(rejected(verifier.verify(json(duplicateKeys))).reason()).isEqualTo(ReplyResult.MALFORMED);
    }

    @Test
    void aNonCanonicalSignatureSpellingIsRefused() throws IOException {
        SignedCommand c = signer.sign(SELF, new CommandBody.DoorOpen("entrance-1", null), Duration.ofSeconds(30));
        char last = c.sig().charAt(85);
        String base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char other = base64url.charAt(base64url.indexOf(last) ^ 1); // a low bit the decoder would ignore
        SignedCommand respelled = new SignedCommand(c.v(), c.id(), c.kind(), c.park(), c.gateway(), c.issuedAt(),
                c.expiresAt(), c.nonce(), c.keyId(), c.body(), c.sig().substring(0, 85) + other);
        assertThat(rejected(verifier(NonceStore.inMemory()).verify(json(respelled))).reason())
                .isEqualTo(ReplyResult.BAD_SIGNATURE);
    }

    @Test
    void aStoreThatCannotWriteRefusesRatherThanRiskAReplay() throws IOException {
        NonceStore broken = new NonceStore() {
            @Override
            public Map<String, Long> load() {
                return Map.of();
            }

            @Override
            public void remember(String nonce, long keepUntilMillis) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void forgetBefore(long nowMillis) {
            }
        };
        SignedCommand c = signer.sign(SELF, new CommandBody.DoorOpen("entrance-1", null), Duration.ofSeconds(30));
        assertThat(rejected(verifier(broken).verify(json(c))).reason()).isEqualTo(ReplyResult.OVERLOADED);
    }

    @Property(tries = 300)
    void anyChangeToASignedCommandIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int where,
                                            @ForAll @IntRange(min = 1, max = 255) int flip) throws IOException {
        SignedCommand c = signer.sign(SELF, "req-1", new CommandBody.DoorOpen("entrance-1", "t-1"), Duration.ofSeconds(30));
        byte[] bytes = json(c);
        int i = where % bytes.length;
        bytes[i] = (byte) (bytes[i] ^ flip);
        Verdict v = verifier(NonceStore.inMemory()).verify(bytes);
        assertThat(v).as(new String(bytes, StandardCharsets.ISO_8859_1)).isInstanceOf(Verdict.Rejected.class);
    }

    @Property(tries = 500)
    void verifyNeverThrowsWhateverArrives(@ForAll byte[] garbage, @ForAll String text) throws IOException {
        CommandVerifier verifier = verifier(NonceStore.inMemory());
        assertThat(verifier.verify(garbage)).isInstanceOf(Verdict.Rejected.class);
        assertThat(verifier.verify(text.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Verdict.Rejected.class);
        String almost = "{\"v\":1,\"id\":\"r\",\"kind\":\"door.open\",\"park\":\"p1\",\"gateway\":\"gw-1\",\"issuedAt\":1,"
                + "\"expiresAt\":2,\"nonce\":" + ContractJson.mapper().valueToTree(text) + ",\"keyId\":\"k-2026\","
                + "\"body\":\"{}\",\"sig\":\"x\"}";
        assertThat(verifier.verify(almost.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Verdict.Rejected.class);
        assertThat(verifier.verify(null)).isInstanceOf(Verdict.Rejected.class);
    }
}
