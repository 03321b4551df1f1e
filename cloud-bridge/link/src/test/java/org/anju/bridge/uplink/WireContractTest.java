package org.anju.bridge.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.command.CommandChannel;
import org.anju.bridge.command.CommandHandler;
import org.anju.bridge.command.CommandOutcome;
import org.anju.bridge.command.CommandVerifier;
import org.anju.bridge.command.NonceCache;
import org.anju.bridge.command.NonceStore;
import org.anju.bridge.command.VerifiedCommand;
import org.anju.bridge.command.Verdict;
import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.InMemoryOutbox;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.bridge.testing.MosquittoSub;
import org.anju.bridge.testing.ParkClient;
import org.anju.bridge.testing.SchemaChecker;
import org.anju.bridge.testing.Uplinks;

/**
 * What Debian's {@code mosquitto_sub} and {@code mosquitto_pub}, tools nobody here wrote, see and
 * do on the broker: topics, QoS, retain flags and payloads exactly as CONTRACT.md says.
 */
@Tag("peer")
class WireContractTest {
    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Topics gw = Uplinks.GATEWAY;

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

    private static JsonNode json(String payload) {
        try {
            return ContractJson.mapper().readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError(payload, e);
        }
    }

    private static void conforms(String schema, String payload) {
        assertThat(SchemaChecker.load("contract/" + schema + ".schema.json")
                .problems(payload.getBytes(StandardCharsets.UTF_8))).as(payload).isEmpty();
    }

    @Test
    void birthBatchesAndTheWillAreWhatTheContractSays() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        keep(ParkClient.connect(broker.uri(), gw, false)); // the park, confirming what it stored
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        outbox.appendMany(20, Priority.TELEMETRY, "port.reading");
        outbox.appendMany(10, Priority.ACCESS, "door.access");
        AtomicLong counter = new AtomicLong(100);
        SessionSequence sessions = counter::incrementAndGet;
        GatewayUplink uplink = Uplinks.builder(Uplinks.config(broker.uri())).outbox(outbox).sessions(sessions)
                .rosterVersion(() -> 311).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.unacknowledgedCount() == 0);

        // a subscriber arriving later finds the birth retained on the state topic
        MosquittoSub late = keep(MosquittoSub.start(broker.port(), "anju/v1/#"));
        MosquittoSub.Line birth = late.awaitLine("retained birth", l -> l.topic().equals(gw.state()));
        assertThat(birth.retained()).isTrue();
        assertThat(birth.qos()).isEqualTo(1);
        conforms("birth", birth.payload());
        assertThat(json(birth.payload()).get("session").asLong()).isEqualTo(101);
        assertThat(json(birth.payload()).get("rosterVersion").asLong()).isEqualTo(311);
        assertThat(late.lines()).as("events are not retained").allMatch(l -> l.topic().equals(gw.state()));
        // (the park's receipts on cmd are seen too; the batches are what is checked below)

        // new events: batches on events and telemetry, QoS 1, not retained, valid, each seq once
        Set<Long> appended = new TreeSet<>();
        outbox.appendMany(3, Priority.ALARM, "alarm.smoke").forEach(e -> appended.add(e.seq()));
        outbox.appendMany(4, Priority.TELEMETRY, "port.reading").forEach(e -> appended.add(e.seq()));
        uplink.wake(Priority.ALARM);
        await().atMost(Duration.ofSeconds(10)).until(() -> seqsOn(late).size() == 7);
        assertThat(seqsOn(late)).containsExactlyElementsOf(appended);
        for (MosquittoSub.Line l : late.lines()) {
            if (!l.topic().equals(gw.state()) && !l.topic().equals(gw.commands())) {
                assertThat(l.topic()).isIn(gw.events(), gw.telemetry());
                assertThat(l.qos()).isEqualTo(1);
                assertThat(l.retained()).isFalse();
                conforms("event-batch", l.payload());
                String priority = json(l.payload()).get("events").get(0).get("priority").asText();
                assertThat(l.topic()).isEqualTo(priority.equals("TELEMETRY") ? gw.telemetry() : gw.events());
            }
        }

        // the gateway dies without a goodbye: the broker publishes its will
        uplink.abort();
        MosquittoSub.Line will = late.awaitLine("the will", l -> l.topic().equals(gw.state()) && l.payload().contains("death"));
        conforms("death", will.payload());
        assertThat(json(will.payload()).get("session").asLong()).isEqualTo(101);
        assertThat(json(will.payload()).get("cause").asText()).isEqualTo("LOST");
        MosquittoSub after = keep(MosquittoSub.start(broker.port(), gw.state()));
        assertThat(after.awaitLine("retained death", l -> true).retained()).isTrue();

        // back again: a new session; then an orderly stop leaves a SHUTDOWN death retained
        GatewayUplink again = Uplinks.builder(Uplinks.config(broker.uri())).outbox(outbox).sessions(sessions).start();
        late.awaitLine("new birth", l -> l.payload().contains("\"birth\"") && json(l.payload()).get("session").asLong() == 102);
        again.close();
        late.awaitLine("shutdown", l -> l.payload().contains("SHUTDOWN"));
        MosquittoSub last = keep(MosquittoSub.start(broker.port(), gw.state()));
        MosquittoSub.Line retained = last.awaitLine("retained shutdown", l -> true);
        assertThat(json(retained.payload()).get("cause").asText()).isEqualTo("SHUTDOWN");
        assertThat(json(retained.payload()).get("session").asLong()).isEqualTo(102);
    }

    private Set<Long> seqsOn(MosquittoSub sub) {
        Set<Long> seqs = new TreeSet<>();
        for (MosquittoSub.Line l : sub.lines()) {
            if (l.topic().equals(gw.events()) || l.topic().equals(gw.telemetry())) {
                json(l.payload()).get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
            }
        }
        return seqs;
    }

    @Test
    void mosquittoPubWithBrokerAccessAloneOpensNoDoor() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        KeyPair park = Ed25519Keys.generate();
        List<VerifiedCommand> opened = new CopyOnWriteArrayList<>();
        List<Verdict.Rejected> recorded = new CopyOnWriteArrayList<>();
        CommandHandler agent = new CommandHandler() {
            @Override
            public CompletableFuture<CommandOutcome> handle(VerifiedCommand command) {
                opened.add(command);
                return CompletableFuture.completedFuture(CommandOutcome.ok());
            }

            @Override
            public void rejected(Verdict.Rejected rejection) {
                recorded.add(rejection);
            }
        };
        CommandVerifier verifier = new CommandVerifier(CommandVerifier.Settings.of(gw, Map.of("park-2026", park.getPublic())),
                new NonceCache(NonceStore.inMemory(), 100, Clock.systemUTC()), Clock.systemUTC());
        CommandChannel channel = keep(new CommandChannel(verifier, agent, Clock.systemUTC()));
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri())).outbox(outbox)
                .sessions(Uplinks.sessions()).commands(channel).start());
        await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().link() == UplinkStatus.Link.CONNECTED);
        MosquittoSub replies = keep(MosquittoSub.start(broker.port(), gw.replies()));

        String forged = "{\"v\":1,\"id\":\"req-evil\",\"kind\":\"door.open\",\"park\":\"park-1\",\"gateway\":\"gw-1\","
                + "\"issuedAt\":" + System.currentTimeMillis() + ",\"expiresAt\":" + (System.currentTimeMillis() + 30_000)
                + ",\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"keyId\":\"park-2026\",\"body\":\"{\\\"door\\\":\\\"entrance-1\\\"}\","
                + "\"sig\":\"" + "A".repeat(86) + "\"}";
        MosquittoSub.publish(broker.port(), gw.commands(), forged, false);
        MosquittoSub.publish(broker.port(), gw.commands(), "please open", false);
        SignedCommand genuine = new CommandSigner("park-2026", park.getPrivate(), Clock.systemUTC())
                .sign(gw, "req-good", new CommandBody.DoorOpen("entrance-1", null), Duration.ofSeconds(30));
        MosquittoSub.publish(broker.port(), gw.commands(), new String(ContractJson.encode(genuine), StandardCharsets.UTF_8),
                false);

        await().atMost(Duration.ofSeconds(10)).until(() -> replies.lines().size() == 3);
        List<JsonNode> answers = replies.lines().stream().map(l -> json(l.payload())).toList();
        replies.lines().forEach(l -> {
            conforms("command-reply", l.payload());
            assertThat(l.qos()).isEqualTo(1);
            assertThat(l.retained()).isFalse();
        });
        assertThat(answers.get(0).get("requestId").asText()).isEqualTo("req-evil");
        assertThat(answers.get(0).get("result").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(answers.get(1).has("requestId")).isFalse();
        assertThat(answers.get(1).get("result").asText()).isEqualTo("MALFORMED");
        assertThat(answers.get(2).get("requestId").asText()).isEqualTo("req-good");
        assertThat(answers.get(2).get("result").asText()).isEqualTo("OK");
        assertThat(opened).extracting(VerifiedCommand::requestId).containsExactly("req-good");
        assertThat(recorded).hasSize(2);
    }

    @Test
    void aStaleDeathLandingAfterTheBirthIsAnsweredWithTheBirthAgain() throws Exception {
        MosquittoBroker broker = keep(MosquittoBroker.in(dir.resolve("broker")).start());
        AtomicLong counter = new AtomicLong(6);
        InMemoryOutbox outbox = keep(new InMemoryOutbox());
        GatewayUplink uplink = keep(Uplinks.builder(Uplinks.config(broker.uri())).outbox(outbox)
                .sessions(counter::incrementAndGet).start());
        await().atMost(Duration.ofSeconds(10)).until(() -> uplink.status().link() == UplinkStatus.Link.CONNECTED);
        MosquittoSub watcher = keep(MosquittoSub.start(broker.port(), gw.state()));
        watcher.awaitLine("birth 7", l -> l.payload().contains("\"session\":7"));

        // the broker notices an old connection (session 6) late and publishes its will, retained
        String staleWill = new String(org.anju.bridge.contract.SignedJson.sign(org.anju.bridge.contract.SignedJson.GATEWAY,
                GatewayState.Death.of(gw, 6, GatewayState.Cause.LOST), Uplinks.GATEWAY_KEY.getPrivate()), StandardCharsets.UTF_8);
        MosquittoSub.publish(broker.port(), gw.state(), staleWill, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.lines().stream()
                .filter(l -> l.payload().contains("\"birth\"")).count() == 2);
        MosquittoSub fresh = keep(MosquittoSub.start(broker.port(), gw.state()));
        MosquittoSub.Line retained = fresh.awaitLine("retained state", l -> true);
        assertThat(json(retained.payload()).get("kind").asText()).isEqualTo("birth");
        assertThat(json(retained.payload()).get("session").asLong()).isEqualTo(7);
    }
}
