package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.anju.agent.bus.BusScheduler;
import org.anju.agent.store.Outbox;
import org.anju.agent.uplink.StatusFigures;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.testing.Closer;
import org.anju.bridge.testing.MosquittoBroker;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.PileSimulator;
import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.protocol.pile.PileLimits;

/**
 * What a gateway tells the park about itself (its status, for the fleet view): the figures as a
 * pure function of what its parts say, and a real gateway on Debian's Mosquitto with its SQLite
 * outbox, a pile that answers, a pile that does not and a bus whose serial server is not there.
 */
class GatewayStatusReportTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Topics GATEWAY = new Topics("test-park", "gw-status");

    @RegisterExtension
    final Closer closer = new Closer();
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ the figures, from readings

    private static BusScheduler.Health up(String bus, BusScheduler.DeviceDown... offline) {
        return new BusScheduler.Health(bus, false, 0, null, List.of(offline));
    }

    @Test
    void aBusThatIsDownTakesItsDevicesWithItAndEachOfflineDeviceSaysSinceWhenAndWhy() {
        long now = 1_000 * SECOND;
        var shed = new StatusFigures.BusReading(up("shed", new BusScheduler.DeviceDown("unit 2", now - 125 * SECOND,
                "no answer to 3 exchanges in a row")), Map.of("pile-1", "unit 1", "pile-2", "unit 2"));
        var lobby = new StatusFigures.BusReading(new BusScheduler.Health("lobby", true, now - 340 * SECOND,
                "cannot open tcp://192.168.1.50:4001: Connection refused", List.of()),
                new java.util.LinkedHashMap<>(Map.of("lift-board", "unit 10")));
        GatewayStatus.Figures f = StatusFigures.of(new StatusFigures.Readings("sha256:" + "0".repeat(64), now - 86_460 * SECOND,
                now, 1_773_562_663_000L, new Outbox.Pending(1520, 1_773_562_003_000L), List.of(shed, lobby)));

        assertThat(f.uptimeSeconds()).isEqualTo(86_460);
        assertThat(f.outbox()).isEqualTo(new GatewayStatus.Outbox(1520, 660));
        assertThat(f.buses()).containsExactly(GatewayStatus.Bus.up("shed"),
                new GatewayStatus.Bus("lobby", false, 340L, "cannot open tcp://192.168.1.50:4001: Connection refused"));
        assertThat(f.devices().count()).isEqualTo(3);
        assertThat(f.devices().offline()).containsExactlyInAnyOrder(
                new GatewayStatus.Offline("pile-2", "shed", 125, "no answer to 3 exchanges in a row"),
                new GatewayStatus.Offline("lift-board", "lobby", 340, "its bus lobby is down"));
    }

    @Test
    void anEmptyOutboxHasNoAgeAndAClockSetBackGivesNoNegativeOne() {
        long now = 50 * SECOND;
        GatewayStatus.Figures empty = StatusFigures.of(new StatusFigures.Readings(null, now, now, 1_000L,
                new Outbox.Pending(0, 0), List.of()));
        assertThat(empty.outbox()).isEqualTo(new GatewayStatus.Outbox(0, 0));
        assertThat(empty.uptimeSeconds()).isZero();
        GatewayStatus.Figures behind = StatusFigures.of(new StatusFigures.Readings(null, 0, now, 1_000L,
                new Outbox.Pending(3, 9_000L), List.of()));
        assertThat(behind.outbox()).as("events stamped after the wall clock now says").isEqualTo(new GatewayStatus.Outbox(3, 0));
    }

    @Test
    void whatIsSentAtOnceWhenItChangesIsWhichLinesAreDownAndWhichDevicesDoNotAnswerNotForHowLong() {
        String before = StatusFigures.shape(List.of(up("shed", new BusScheduler.DeviceDown("unit 2", 5, "x"))));
        assertThat(StatusFigures.shape(List.of(up("shed", new BusScheduler.DeviceDown("unit 2", 9_000, "y"))))).isEqualTo(before);
        assertThat(StatusFigures.shape(List.of(up("shed")))).isNotEqualTo(before);
        assertThat(StatusFigures.shape(List.of(new BusScheduler.Health("shed", true, 1, "gone", List.of())))).isNotEqualTo(before);
    }

    // ------------------------------------------------------------------ a real gateway, Mosquitto, SQLite

    /** Statuses as a park would read them: checked against the gateway's key, with the MQTT properties they came with. */
    private record Seen(GatewayStatus status, boolean retained, Long expiry) {
    }

    @Test
    @Tag("peer")
    @Tag("wire")
    void theGatewayReportsItsBacklogItsBusesAndDevicesSignedRetainedAndExpiringOnConnectAndWhenTheyChange() throws Exception {
        MosquittoBroker broker = closer.keep(MosquittoBroker.in(dir.resolve("broker")).start());
        PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
        TcpSerialServer shedLine = closer.keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(1)));
        int lobbyPort;
        try (ServerSocket reserved = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            lobbyPort = reserved.getLocalPort(); // nothing listens there until the test starts the lobby's serial server
        }
        // an hour between statuses: every status after the first is one sent because something changed
        Path siteFile = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-status, gpio: mock, dataDir: data}
                park: {id: test-park, broker: %s, statusEvery: 1h}
                buses:
                  - id: shed
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    responseTimeout: 100ms
                    devices: [{id: pile-1, profile: anju-ref-pile-10, address: 1}, {id: pile-2, profile: anju-ref-pile-10, address: 2}]
                  - id: lobby
                    port: tcp://127.0.0.1:%d
                    pollInterval: 200ms
                    devices: [{id: lift-board, profile: modbus-relay-8, address: 10}]
                chargingAreas:
                  - {id: bike-shed, piles: [pile-1, pile-2]}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(broker.uri(), shedLine.port(), lobbyPort));
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(siteFile)));

        List<MqttMessage> statuses = new CopyOnWriteArrayList<>();
        List<GatewayState> states = new CopyOnWriteArrayList<>();
        MqttClient park = subscriber(broker, "park", (topic, m) -> {
            if (topic.equals(GATEWAY.state())) {
                states.add(((Decoded.Ok<GatewayState>) ContractJson.decode(SignedJson.unsigned(m.getPayload()),
                        GatewayState.class)).value());
            } else {
                statuses.add(m);
            }
        });
        park.subscribe(new String[] {GATEWAY.state(), GATEWAY.status()}, new int[] {1, 1});
        long started = System.currentTimeMillis();
        RunningGateway running = closer.keep(RunningGateway.start(siteFile));
        PublicKey key = Ed25519Keys.readPublic(dir.resolve("data").resolve("gateway.pub.pem"));
        SeenSoFar seen = new SeenSoFar(statuses, key);

        // on connect, after the birth that names the same configuration, and (if that was first) as pile-2 is found silent
        await().atMost(Duration.ofSeconds(30)).until(() -> seen.get().stream().anyMatch(s -> s.status().devices().offline().stream()
                .anyMatch(d -> d.id().equals("pile-2"))));
        GatewayStatus first = seen.get().get(0).status();
        assertThat(first.report()).isEqualTo(1);
        assertThat(states).filteredOn(GatewayState.Birth.class::isInstance).first()
                .satisfies(b -> assertThat(((GatewayState.Birth) b).config()).isEqualTo(digest))
                .satisfies(b -> assertThat(b.session()).isEqualTo(first.session()));
        GatewayStatus now = seen.last().status();
        assertThat(now.config()).isEqualTo(digest);
        assertThat(now.software()).startsWith("anju-agent/");
        assertThat(now.periodSeconds()).isEqualTo(3600);
        assertThat(now.uptimeSeconds()).isBetween(0L, (System.currentTimeMillis() - started) / 1000 + 1);
        assertThat(now.buses()).hasSize(2);
        assertThat(now.buses().get(0)).isEqualTo(GatewayStatus.Bus.up("shed"));
        assertThat(now.buses().get(1).up()).isFalse();
        assertThat(now.buses().get(1).detail()).contains("127.0.0.1:" + lobbyPort);
        assertThat(now.devices().count()).isEqualTo(3);
        assertThat(now.devices().offline()).extracting(GatewayStatus.Offline::id, GatewayStatus.Offline::detail)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pile-2", "no answer to 3 exchanges in a row"),
                        org.assertj.core.groups.Tuple.tuple("lift-board", "its bus lobby is down"));

        // nobody confirms these events (there is no park here): they wait in the outbox, as its SQLite file says
        try (Connection file = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data").resolve("gateway.db"));
             ResultSet rs = file.createStatement().executeQuery("SELECT COUNT(*), MIN(ts) FROM outbox WHERE acked = 0")) {
            rs.next();
            assertThat(now.outbox().waiting()).as("device.offline alarms and more, none confirmed").isPositive()
                    .isLessThanOrEqualTo(rs.getLong(1));
            assertThat(now.outbox().oldestAgeSeconds()).isCloseTo((now.sentAt() - rs.getLong(2)) / 1000,
                    org.assertj.core.data.Offset.offset(1L));
        }

        // whoever subscribes later gets the latest, retained, expiring when the park would call it stale
        List<Seen> late = new CopyOnWriteArrayList<>();
        subscriber(broker, "late", (topic, m) -> late.add(read(m, key))).subscribe(GATEWAY.status(), 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !late.isEmpty());
        assertThat(late.get(0).retained()).isTrue();
        assertThat(late.get(0).status().report()).isEqualTo(now.report());
        assertThat(late.get(0).expiry()).as("2.5 hours at most, what is left of it").isBetween(8_900L, 9_000L);
        assertThat(seen.get()).allSatisfy(s -> assertThat(s.expiry()).isEqualTo(9_000L));

        // the lobby's serial server comes: the bus is up and its relay board answers, said at once
        TcpSerialServer lobbyLine = closer.keep(new TcpSerialServer(new InetSocketAddress("127.0.0.1", lobbyPort),
                new RelayBoardSimulator(8).onLine(10), LinePacing.unpaced(), 200_000_000L,
                Executors.newSingleThreadScheduledExecutor()));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            GatewayStatus last = seen.last().status();
            return last.buses().stream().allMatch(GatewayStatus.Bus::up)
                    && last.devices().offline().stream().noneMatch(d -> d.id().equals("lift-board"));
        });
        assertThat(lobbyLine.port()).isEqualTo(lobbyPort);

        // the shed's serial server goes away: the bus is down, both piles with it
        shedLine.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            GatewayStatus last = seen.last().status();
            return !last.buses().get(0).up() && last.devices().offline().stream().map(GatewayStatus.Offline::id).toList()
                    .containsAll(List.of("pile-1", "pile-2"));
        });
        assertThat(seen.get()).extracting(s -> s.status().report()).as("one session, reports in order").isSorted()
                .doesNotHaveDuplicates();
        assertThat(seen.last().status().report()).as("the lobby's and the shed's changes were each said at once,"
                + " the period being an hour").isGreaterThanOrEqualTo(3);
        running.close();
    }

    /** The statuses received so far, each read as the park reads it. */
    private record SeenSoFar(List<MqttMessage> messages, PublicKey key) {
        List<Seen> get() {
            return messages.stream().map(m -> read(m, key)).toList();
        }

        Seen last() {
            List<Seen> all = get();
            return all.get(all.size() - 1);
        }
    }

    private static Seen read(MqttMessage m, PublicKey key) {
        SignedJson.Opened opened = SignedJson.open(SignedJson.GATEWAY, m.getPayload(), key);
        assertThat(opened).as("signed by the gateway's own key").isInstanceOf(SignedJson.Opened.Valid.class);
        Decoded<GatewayStatus> decoded = ContractJson.decode(((SignedJson.Opened.Valid) opened).json(), GatewayStatus.class);
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        MqttProperties p = m.getProperties();
        return new Seen(((Decoded.Ok<GatewayStatus>) decoded).value(), m.isRetained(),
                p == null ? null : p.getMessageExpiryInterval());
    }

    @FunctionalInterface
    private interface Receiver {
        void accept(String topic, MqttMessage message) throws Exception;
    }

    /** An MQTT 5 client of nobody's here, as the park or an operator would subscribe; closed after the test. */
    private MqttClient subscriber(MosquittoBroker broker, String name, Receiver receiver) throws MqttException {
        MqttClient client = new MqttClient(broker.uri(), name + "-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                receiver.accept(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect();
        closer.keep(() -> {
            client.disconnectForcibly(1000);
            client.close();
        });
        return client;
    }
}
