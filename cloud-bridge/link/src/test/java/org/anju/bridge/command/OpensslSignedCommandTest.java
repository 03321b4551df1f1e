package org.anju.bridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigning;
import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;

/**
 * The signing contract is implementable without this code: the {@code openssl} command line signs
 * the canonical text as CONTRACT.md shows, with a key it generated, and the gateway accepts it.
 */
@Tag("peer")
class OpensslSignedCommandTest {
    @TempDir
    Path dir;

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void aCommandSignedByOpensslIsAccepted() throws Exception {
        Path key = dir.resolve("park.key");
        Path pub = dir.resolve("park.pub");
        run("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString());
        run("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
        PublicKey publicKey = Ed25519Keys.readPublic(pub);
        Ed25519Keys.readPrivate(key); // and Java reads what openssl wrote

        Topics self = new Topics("huaqiao-p1", "gw-b07");
        Instant now = Instant.parse("2026-03-15T08:00:00Z");
        String body = "{\"door\":\"entrance-1\",\"onBehalfOf\":\"t-8f3a\"}";
        byte[] canonical = CommandSigning.canonicalBytes("req-1", "door.open", self.park(), self.gateway(),
                now.toEpochMilli(), now.plusSeconds(30).toEpochMilli(), "q83vEjRWeJA2FmK0pV9zXw", "park-2026a", body);
        Path text = dir.resolve("canonical.txt");
        Path sig = dir.resolve("sig.bin");
        Files.write(text, canonical);
        run("openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key.toString(), "-in", text.toString(),
                "-out", sig.toString());
        SignedCommand command = new SignedCommand(Contract.VERSION, "req-1", "door.open", self.park(), self.gateway(),
                now.toEpochMilli(), now.plusSeconds(30).toEpochMilli(), "q83vEjRWeJA2FmK0pV9zXw", "park-2026a", body,
                Base64.getUrlEncoder().withoutPadding().encodeToString(Files.readAllBytes(sig)));

        Clock clock = Clock.fixed(now.plusSeconds(1), ZoneOffset.UTC);
        CommandVerifier verifier = new CommandVerifier(CommandVerifier.Settings.of(self, Map.of("park-2026a", publicKey)),
                new NonceCache(NonceStore.inMemory(), 10, clock), clock);
        Verdict v = verifier.verify(ContractJson.encode(command));
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        assertThat(((Verdict.Accepted) v).command().body()).isEqualTo(new CommandBody.DoorOpen("entrance-1", "t-8f3a"));
    }
}
