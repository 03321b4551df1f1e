package org.anju.bridge.park.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;

/** How long the park's signed commands stay good: a door open the 30 s CONTRACT.md gives an interactive command. */
class CommandWindowTest {
    @Test
    void aDoorOpenIsGoodForThirtySecondsAndACutForTwoMinutes() {
        CommandSigner signer = new CommandSigner("k1", Ed25519Keys.generate().getPrivate(),
                Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC));
        Topics to = new Topics("p1", "gw-b07");
        CommandBody open = new CommandBody.DoorOpen("room-301", "tenant-1");
        SignedCommand door = signer.sign(to, open, CommandSender.window(open));
        assertThat(door.expiresAt() - door.issuedAt()).isEqualTo(Duration.ofSeconds(30).toMillis());
        CommandBody cut = new CommandBody.PortCut("pile-1", 3, "fire_officer", "officer-17");
        SignedCommand officer = signer.sign(to, cut, CommandSender.window(cut));
        assertThat(officer.expiresAt() - officer.issuedAt()).isEqualTo(Duration.ofMinutes(2).toMillis());
    }
}
