package org.anju.bridge.park;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.CommandSigner;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.api.ParkApi;
import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.auth.Role;
import org.anju.bridge.park.auth.SessionTokens;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.park.ingest.GatewayKeys;
import org.anju.bridge.park.ingest.Ingest;
import org.anju.bridge.park.ingest.Receipts;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.live.LiveFeed;
import org.anju.bridge.park.mqtt.ParkMqtt;
import org.anju.bridge.park.privacy.FieldCipher;
import org.anju.bridge.park.roster.RosterSync;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.uplink.CredentialSource;
import org.anju.bridge.uplink.TlsSettings;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The park bridge, put together from {@code park.yaml}: the store, the keys, the MQTT ingest
 * (events and telemetry through a shared subscription, so instances split the load; states and
 * command replies to every instance), roster sync to the gateways, and the HTTP API.
 */
public final class ParkBridge implements AutoCloseable {
    public sealed interface Start {
        record Started(ParkBridge bridge) implements Start {
        }

        record Failed(String reason) implements Start {
        }
    }

    private final Vertx vertx;
    private final ParkConfig config;
    private final ParkDatabase db;
    private final ParkMqtt mqtt;
    private final Ingest ingest;
    private volatile int port;

    private ParkBridge(Vertx vertx, ParkConfig config, ParkDatabase db, ParkMqtt mqtt, Ingest ingest) {
        this.vertx = vertx;
        this.config = config;
        this.db = db;
        this.mqtt = mqtt;
        this.ingest = ingest;
    }

    public static Start start(ParkConfig config, Clock clock, int hashIterations) {
        CommandSigner signer;
        java.security.PrivateKey commandKey;
        org.anju.bridge.park.api.PassIssuer passes;
        FieldCipher cipher;
        SessionTokens tokens;
        try {
            commandKey = Ed25519Keys.readPrivate(config.keys().commandKeyFile());
            signer = new CommandSigner(config.keys().commandKeyId(), commandKey, clock);
            passes = new org.anju.bridge.park.api.PassIssuer(config.park(), config.keys().commandKeyId(), commandKey);
            cipher = FieldCipher.fromHex(Files.readString(config.keys().dataKeyFile()));
            tokens = new SessionTokens(Files.readString(config.keys().sessionKeyFile()), clock, java.time.Duration.ofHours(12));
        } catch (IOException | IllegalArgumentException e) {
            return new Start.Failed("keys: " + e.getMessage());
        }
        ParkDatabase.Opened opened = ParkDatabase.open(config.store(), config.instance());
        if (opened instanceof ParkDatabase.Opened.Failed failed) {
            return new Start.Failed(failed.reason());
        }
        ParkDatabase db = ((ParkDatabase.Opened.Ok) opened).database();
        Vertx vertx = Vertx.vertx();
        PasswordHasher hasher = new PasswordHasher(hashIterations);
        IngestStore ingestStore = new IngestStore(db, config.instance());
        PeopleStore people = new PeopleStore(db);
        CommandSender sender = new CommandSender(config.park(), signer);
        RosterSync roster = new RosterSync(config, people, ingestStore, sender);
        LiveFeed live = new LiveFeed(vertx);
        Receipts receipts = new Receipts(config.park(), config.keys().commandKeyId(), commandKey, clock);
        java.util.Map<String, java.nio.file.Path> keyFiles = new java.util.HashMap<>();
        config.buildings().forEach(b -> b.gatewayKeyFile().ifPresent(f -> keyFiles.put(b.gateway(), f)));
        Ingest ingest = new Ingest(config.park(), ingestStore, live, birth -> roster.onBirth(birth.gateway(), birth.rosterVersion()),
                new GatewayKeys(keyFiles, System::nanoTime), Believed.standard(), receipts);
        String group = config.broker().shared() ? "$share/anju-bridge-" + config.park() + "/" : "";
        ParkMqtt mqtt = new ParkMqtt(config.broker().uri(), clientId(config),
                credentials(config.broker()), config.broker().uri().startsWith("ssl://")
                        ? TlsSettings.serverOnly(config.broker().caFile().orElse(null)) : null,
                List.of(new ParkMqtt.Subscription(group + Topics.everyGateway(config.park(), Topics.Stream.EVENTS), ingest::onBatch),
                        new ParkMqtt.Subscription(group + Topics.everyGateway(config.park(), Topics.Stream.TELEMETRY), ingest::onBatch),
                        new ParkMqtt.Subscription(Topics.everyGateway(config.park(), Topics.Stream.STATE), ingest::onState),
                        new ParkMqtt.Subscription(Topics.everyGateway(config.park(), Topics.Stream.REPLIES),
                                (topic, payload) -> ingest.onReply(topic, payload, sender::onReply))),
                MqttConnector.forProtocol(config.broker().protocol()));
        sender.attach(mqtt);
        receipts.attach(Receipts.Sink.of(mqtt));
        ParkBridge bridge = new ParkBridge(vertx, config, db, mqtt, ingest);
        try {
            if (config.admin() != null) {
                String password = Files.readAllLines(config.admin().passwordFile()).stream().findFirst().orElse("");
                if (people.accountByLogin(config.admin().login()).join().isEmpty()) {
                    people.createAccount(config.admin().login(), Role.ADMIN, "Park administrator",
                            hasher.hash(password.toCharArray())).join();
                }
            }
            ParkMetrics metrics = new ParkMetrics(ingest, mqtt);
            ParkApi api = new ParkApi(vertx, config, db, ingestStore, people, sender, roster, tokens, hasher, cipher,
                    bridge::health, metrics::scrape, passes);
            bridge.port = api.listen(config.http().bind(), config.http().port()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            bridge.close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            return new Start.Failed("cannot start the API: " + cause.getMessage());
        }
        mqtt.start();
        return new Start.Started(bridge);
    }

    /**
     * The instance's MQTT client id: its broker user name when it has one (a broker that pins client
     * ids to user names, as INSTALL.md's Mosquitto does, gives it that id anyway), else one per
     * park and instance. Each instance needs its own: two clients with one id take turns knocking
     * each other off.
     */
    static String clientId(ParkConfig config) {
        return config.broker().username().orElse("anju-bridge-" + config.park() + "-" + config.instance());
    }

    private static CredentialSource credentials(ParkConfig.Broker broker) {
        return broker.username().isPresent() && broker.passwordFile().isPresent()
                ? new CredentialSource.PasswordFile(broker.username().get(), broker.passwordFile().get())
                : new CredentialSource.None();
    }

    /** Ready when the broker is connected and took every subscription; the counters say how ingest goes. */
    JsonObject health() {
        JsonObject dropped = new JsonObject();
        ingest.dropped().forEach(dropped::put);
        String problem = mqtt.problem();
        return new JsonObject().put("ready", problem == null)
                .put("reasons", new io.vertx.core.json.JsonArray(problem == null ? List.of() : List.of("broker: " + problem)))
                .put("broker", mqtt.connected() ? "connected" : "not connected")
                .put("storedEvents", ingest.storedEvents()).put("duplicateEvents", ingest.duplicateEvents())
                .put("heldEvents", ingest.heldEvents()).put("flaggedEvents", ingest.flaggedEvents())
                .put("dropped", dropped);
    }

    public int port() {
        return port;
    }

    /** See {@link ParkMqtt#firstAttempt()}: why this broker can never work, if the first attempt says so. */
    public java.util.concurrent.CompletableFuture<java.util.Optional<String>> brokerIncompatible() {
        return mqtt.firstAttempt();
    }

    public boolean brokerConnected() {
        return mqtt.connected();
    }

    public Ingest ingest() {
        return ingest;
    }

    /** For tests in this package: the store, to read what was kept. */
    ParkDatabase database() {
        return db;
    }

    ParkConfig config() {
        return config;
    }

    @Override
    public void close() {
        mqtt.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // stopping anyway
        }
        db.close();
    }
}
