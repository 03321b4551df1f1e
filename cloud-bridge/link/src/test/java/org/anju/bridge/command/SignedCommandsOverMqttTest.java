package org.anju.bridge.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.ParkClient;
import org.anju.bridge.testing.Uplinks;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.uplink.UplinkStatus;

/**
 * Commands from the park through a real Mosquitto to the agent's handler, and the replies back:
 * only a command signed by a trusted park key, for this gateway, in time and for the first time
 * reaches the handler; every other is refused with a reply naming the reason, and recorded.
 */
@Tag("peer")
class SignedCommandsOverMqttTest {
    @TempDir
    Path dir;

    private final KeyPair park = Ed25519Keys.generate();
    private final KeyPair attacker = Ed25519Keys.generate();
    private final List<VerifiedCommand> handled = new CopyOnWriteArrayList<>();
    private final List<Verdict.Rejected> recorded = new CopyOnWriteArrayList<>();
    private final AtomicLong rosterVersion = new AtomicLong(41);
    private final List<AutoCloseable> open = new ArrayList<>();
    private MosquittoBroker broker;
    private ParkClient parkClient;
    private CommandSigner signer;

    /** The agent's side: opens doors, applies roster deltas only in sequence, records rejections. */
    private final CommandHandler agent = new CommandHandler() {
        @Override
        public CompletionStage<CommandOutcome> handle(VerifiedCommand command) {
            handled.add(command);
            if (command.body() instanceof CommandBody.RosterDelta delta) {
                if (delta.fromVersion() != rosterVersion.get()) {
                    return CompletableFuture.completedFuture(CommandOutcome.rosterGap(rosterVersion.get()));
                }
                rosterVersion.set(delta.toVersion());
                return CompletableFuture.completedFuture(CommandOutcome.ok(delta.toVersion()));
            }
            if (command.body() instanceof CommandBody.RosterSnapshot snapshot) {
                rosterVersion.set(snapshot.version());
                return CompletableFuture.completedFuture(CommandOutcome.ok(snapshot.version()));
            }
            return CompletableFuture.completedFuture(CommandOutcome.ok());
        }

        @Override
        public void replied(VerifiedCommand command, CommandReply reply) {
            GatewayUplink closing = closeOnReply.getAndSet(null);
            if (closing != null) {
                closing.close(); // as a deployed site file's restart does
            }
        }

        @Override
        public void rejected(Verdict.Rejected rejection) {
            recorded.add(rejection);
        }
    };
    private final AtomicReference<GatewayUplink> closeOnReply = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        parkClient = keep(ParkClient.connect(broker.uri(), Uplinks.GATEWAY, false));
        signer = new CommandSigner("park-2026", park.getPrivate(), Clock.systemUTC());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    /** A gateway whose nonces live in {@code nonces}: a restart with the same file remembers them. */
    private GatewayUplink gateway(Path nonces) throws Exception {
        FileNonceStore store = keep(new FileNonceStore(nonces));
        CommandVerifier verifier = new CommandVerifier(
                CommandVerifier.Settings.of(Uplinks.GATEWAY, Map.of("park-2026", park.getPublic())),
                new NonceCache(store, 10_000, Clock.systemUTC()), Clock.systemUTC());
        CommandChannel channel = keep(new CommandChannel(verifier, agent, Clock.systemUTC()));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri()))
                .outbox(outbox).sessions(Uplinks.sessions()).rosterVersion(rosterVersion::get)
                .commands(channel).start());
        await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().link() == UplinkStatus.Link.CONNECTED);
        return uplink;
    }

    private CommandReply send(SignedCommand command) throws Exception {
        return send(ContractJson.encode(command), command.id());
    }

    private CommandReply send(byte[] payload, String requestId) throws Exception {
        int before = parkClient.replies().size();
        parkClient.send(payload);
        if (requestId == null) {
            await().atMost(Duration.ofSeconds(10)).until(() -> parkClient.replies().size() > before);
            return parkClient.replies().get(parkClient.replies().size() - 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> parkClient.replies().stream()
                .skip(before).anyMatch(r -> requestId.equals(r.requestId())));
        return parkClient.replies().stream().skip(before).filter(r -> requestId.equals(r.requestId())).findFirst()
                .orElseThrow();
    }

    private static final CommandBody.DoorOpen OPEN = new CommandBody.DoorOpen("entrance-1", "t-8f3a");

    @Test
    void aSignedCommandReachesTheAgentAndIsRepliedTo() throws Exception {
        gateway(dir.resolve("nonces"));
        SignedCommand command = signer.sign(Uplinks.GATEWAY, OPEN, Duration.ofSeconds(30));

        CommandReply reply = send(command);

        assertThat(reply.result()).isEqualTo(ReplyResult.OK);
        assertThat(reply.gateway()).isEqualTo("gw-1");
        assertThat(handled).singleElement().satisfies(c -> {
            assertThat(c.requestId()).isEqualTo(command.id());
            assertThat(c.body()).isEqualTo(OPEN);
        });
        assertThat(recorded).isEmpty();
    }

    @Test
    void anAgentThatClosesTheConnectionOnceTheReplyIsOnItsWayStillGetsItsReplyToThePark() throws Exception {
        closeOnReply.set(gateway(dir.resolve("nonces")));
        SignedCommand command = signer.sign(Uplinks.GATEWAY, OPEN, Duration.ofSeconds(30));

        assertThat(send(command).result()).isEqualTo(ReplyResult.OK);
        assertThat(closeOnReply).as("the agent was told the reply was on its way").hasValue(null);
    }

    @Test
    void aForgedCommandIsRefusedAsBadSignatureAndNeverReachesTheAgent() throws Exception {
        gateway(dir.resolve("nonces"));
        // someone with broker access signs with their own key but names the park's key id
        SignedCommand forged = new CommandSigner("park-2026", attacker.getPrivate(), Clock.systemUTC())
                .sign(Uplinks.GATEWAY, OPEN, Duration.ofSeconds(30));
        // or takes a genuine command and changes the door
        SignedCommand genuine = signer.sign(Uplinks.GATEWAY, OPEN, Duration.ofSeconds(30));
        SignedCommand tampered = new SignedCommand(genuine.v(), genuine.id(), genuine.kind(), genuine.park(),
                genuine.gateway(), genuine.issuedAt(), genuine.expiresAt(), genuine.nonce(), genuine.keyId(),
                "{\"door\":\"back-door\"}", genuine.sig());

        assertThat(send(forged).result()).isEqualTo(ReplyResult.BAD_SIGNATURE);
        CommandReply reply = send(tampered);
        assertThat(reply.result()).isEqualTo(ReplyResult.BAD_SIGNATURE);
        assertThat(reply.detail()).contains("park-2026");

        assertThat(handled).isEmpty();
        assertThat(recorded).extracting(Verdict.Rejected::reason)
                .containsExactly(ReplyResult.BAD_SIGNATURE, ReplyResult.BAD_SIGNATURE);
        // the genuine one still works: the forgeries did not burn its nonce
        assertThat(send(genuine).result()).isEqualTo(ReplyResult.OK);
    }

    @Test
    void anExpiredCommandIsRefusedAsExpired() throws Exception {
        gateway(dir.resolve("nonces"));
        Instant issued = Instant.now().minus(Duration.ofMinutes(3));
        SignedCommand stale = signer.signText(Uplinks.GATEWAY, "req-stale", "door.open",
                "{\"door\":\"entrance-1\"}", issued, issued.plusSeconds(30), signer.newNonce());

        CommandReply reply = send(stale);

        assertThat(reply.result()).isEqualTo(ReplyResult.EXPIRED);
        assertThat(reply.requestId()).isEqualTo("req-stale");
        assertThat(reply.detail()).contains("expired");
        assertThat(handled).isEmpty();
        assertThat(recorded).extracting(Verdict.Rejected::reason).containsExactly(ReplyResult.EXPIRED);
    }

    @Test
    void aReplayedCommandIsRefusedAsReplayedAlsoAfterTheGatewayRestarts() throws Exception {
        Path nonces = dir.resolve("nonces");
        GatewayUplink first = gateway(nonces);
        SignedCommand command = signer.sign(Uplinks.GATEWAY, OPEN, Duration.ofSeconds(60));
        byte[] captured = ContractJson.encode(command);

        assertThat(send(captured, command.id()).result()).isEqualTo(ReplyResult.OK);
        assertThat(send(captured, command.id()).result()).isEqualTo(ReplyResult.REPLAYED);

        first.abort(); // a crash; a new process with the same nonce file
        for (AutoCloseable c : List.copyOf(open)) {
            if (c instanceof CommandChannel || c instanceof FileNonceStore) {
                c.close();
            }
        }
        gateway(nonces);
        CommandReply reply = send(captured, command.id());
        assertThat(reply.result()).isEqualTo(ReplyResult.REPLAYED);
        assertThat(handled).hasSize(1);
    }

    @Test
    void commandsForAnotherGatewayUnknownKindsAndGarbageAreRefusedWithTheirReason() throws Exception {
        gateway(dir.resolve("nonces"));
        SignedCommand elsewhere = signer.sign(new org.anju.bridge.contract.Topics("park-1", "gw-2"), OPEN,
                Duration.ofSeconds(30));
        Instant now = Instant.now();
        SignedCommand unknown = signer.signText(Uplinks.GATEWAY, "req-unknown", "lift.call", "{\"floor\":3}", now,
                now.plusSeconds(30), signer.newNonce());

        assertThat(send(elsewhere).result()).isEqualTo(ReplyResult.WRONG_GATEWAY);
        assertThat(send(unknown).result()).isEqualTo(ReplyResult.UNKNOWN_KIND);
        CommandReply garbage = send("open the door!".getBytes(StandardCharsets.UTF_8), null);
        assertThat(garbage.result()).isEqualTo(ReplyResult.MALFORMED);
        assertThat(garbage.requestId()).isNull();
        assertThat(handled).isEmpty();
        assertThat(recorded).extracting(Verdict.Rejected::reason)
                .containsExactly(ReplyResult.WRONG_GATEWAY, ReplyResult.UNKNOWN_KIND, ReplyResult.MALFORMED);
    }

    @Test
    void aRosterDeltaThatSkipsAVersionIsAnsweredWithTheVersionHeldAndASnapshotFixesIt() throws Exception {
        gateway(dir.resolve("nonces"));
        CommandBody.RosterTenant tenant = new CommandBody.RosterTenant("t-8f3a", "Zhang Wei", "3-201",
                0, 4_102_444_800_000L, List.of(new CommandBody.RosterCredential("card", "12:34567")),
                List.of("entrance-1"));

        CommandReply inOrder = send(signer.sign(Uplinks.GATEWAY,
                new CommandBody.RosterDelta(41, 42, List.of(tenant), List.of()), Duration.ofSeconds(30)));
        assertThat(inOrder.result()).isEqualTo(ReplyResult.OK);
        assertThat(inOrder.rosterVersion()).isEqualTo(42);

        CommandReply skipped = send(signer.sign(Uplinks.GATEWAY,
                new CommandBody.RosterDelta(43, 44, List.of(), List.of("t-8f3a")), Duration.ofSeconds(30)));
        assertThat(skipped.result()).isEqualTo(ReplyResult.ROSTER_GAP);
        assertThat(skipped.rosterVersion()).isEqualTo(42);
        assertThat(rosterVersion.get()).isEqualTo(42);

        CommandReply snapshot = send(signer.sign(Uplinks.GATEWAY,
                new CommandBody.RosterSnapshot(44, List.of()), Duration.ofSeconds(30)));
        assertThat(snapshot.result()).isEqualTo(ReplyResult.OK);
        assertThat(snapshot.rosterVersion()).isEqualTo(44);
    }
}
