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
import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.auth.PasswordPolicy;
import org.anju.bridge.park.auth.SessionTokens;
import org.anju.bridge.park.auth.Sessions;
import org.anju.bridge.park.store.SessionStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.park.ingest.GatewayKeys;
import org.anju.bridge.park.ingest.Ingest;
import org.anju.bridge.park.ingest.Receipts;
import org.anju.bridge.park.store.Believed;
import org.anju.bridge.park.live.LiveFeed;
import org.anju.bridge.park.mqtt.Intake;
import org.anju.bridge.park.mqtt.ParkMqtt;
import org.anju.bridge.park.privacy.FieldCipher;
import org.anju.bridge.park.roster.RosterSync;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.TlsSettings;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The park bridge, put together from {@code park.yaml}: the store, the keys, the MQTT ingest on
 * two connections (the bulk one: events and telemetry through a shared subscription, so instances
 * split the load, at the store's pace; the live one: alarms as they are published, gateways' states
 * and command replies to every instance, and what the park publishes), roster sync to the
 * gateways, and the HTTP API.
 */
public final class ParkBridge implements AutoCloseable {
    public sealed interface Start {
        record Started(ParkBridge bridge) implements Start {
        }

        record Failed(String reason) implements Start {
        }
    }

    private final Vertx vertx;
    private final LiveFeed consoles;
    private final ParkConfig config;
    private final ParkDatabase db;
    private final ParkMqtt mqtt;
    private final ParkMqtt live;
    private final Ingest ingest;
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ParkBridge.class.getName());
    private final RosterSync roster;
    private final BuildingDirectory buildings;
    private volatile int port;
    private volatile ParkApi api;
    private volatile io.vertx.core.http.HttpServer server;
    private volatile ParkConfig.Tls tls;
    private volatile String tlsStamp;

    private ParkBridge(Vertx vertx, ParkConfig config, ParkDatabase db, ParkMqtt mqtt, ParkMqtt live, Ingest ingest,
                       RosterSync roster, LiveFeed consoles, BuildingDirectory buildings) {
        this.consoles = consoles;
        this.buildings = buildings;
        this.vertx = vertx;
        this.config = config;
        this.db = db;
        this.mqtt = mqtt;
        this.live = live;
        this.ingest = ingest;
        this.roster = roster;
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
            tokens = new SessionTokens(Files.readString(config.keys().sessionKeyFile()));
        } catch (IOException | IllegalArgumentException e) {
            return new Start.Failed("keys: " + e.getMessage());
        }
        String adminPassword = null;
        if (config.admin() != null) {
            var admin = adminPassword(config.admin());
            if (admin instanceof AdminPassword.Refused refused) {
                return new Start.Failed(refused.reason());
            }
            adminPassword = ((AdminPassword.Read) admin).password();
        }
        Optional<String> tlsProblem = config.http().tls().flatMap(ParkBridge::tlsProblem);
        if (tlsProblem.isPresent()) {
            return new Start.Failed(tlsProblem.get());
        }
        List<String> buildingProblems = org.anju.bridge.park.buildings.BuildingForm.problemsOf(config.buildings());
        if (!buildingProblems.isEmpty()) {
            // held to the rules the admin's changes are: what is imported can be edited and saved as it is
            return new Start.Failed("park.yaml's buildings, to import: " + String.join("; ", buildingProblems));
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
        var buildingStore = new org.anju.bridge.park.store.BuildingStore(db, org.anju.bridge.park.live.PostgresFanout.CHANNEL,
                org.anju.bridge.park.live.PostgresFanout.BUILDINGS_CHANGED);
        BuildingDirectory buildings = BuildingDirectory.of(buildingStore);
        try {
            buildings.importOnce(config.buildings(), clock.millis()).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            db.close();
            return new Start.Failed("buildings: cannot read or import them in the park store: "
                    + (e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e).getMessage());
        }
        // the births' check compiled beside the rest of the start, done before the live subscription hears them
        CompletableFuture<Void> birthsWarm = Ingest.warmUp(config.park(), buildings.all().size());
        RosterSync roster = new RosterSync(buildings, people, new org.anju.bridge.park.store.RosterStates(db), sender,
                new org.anju.bridge.park.store.GuestPassStore(db, cipher));
        sender.sendAfter(roster::beforeCommand);
        LiveFeed liveFeed = new LiveFeed(vertx, db);
        liveFeed.showAlarmsAs(event -> ParkApi.withAlarmView(buildings, event));
        if (config.store() instanceof ParkConfig.Store.Postgres pg) {
            // several instances share the park: every console sees what any of them stored
            try {
                String password = java.nio.file.Files.readAllLines(pg.passwordFile()).stream().findFirst().orElse("");
                liveFeed.fanOut(new org.anju.bridge.park.live.PostgresFanout(
                        new org.anju.bridge.park.live.PostgresFanout.Target(pg.url(), pg.user(), password),
                        config.instance(), messages -> {
                            for (JsonObject message : messages) {
                                // another instance changed the buildings, or notices may have been missed: read them again
                                String kind = message.getString("kind");
                                if ("buildings".equals(kind) || "resync".equals(kind) || "listening".equals(kind)) {
                                    buildings.reload();
                                }
                            }
                            liveFeed.heard(messages);
                        }));
            } catch (java.io.IOException e) {
                vertx.close();
                db.close();
                return new Start.Failed("store.postgres.passwordFile: cannot read " + pg.passwordFile() + ": " + e.getMessage());
            }
        }
        Receipts receipts = new Receipts(config.park(), config.keys().commandKeyId(), commandKey, clock);
        Ingest ingest = new Ingest(config.park(), ingestStore, liveFeed, birth -> roster.onBirth(birth.gateway(), birth.rosterVersion()),
                new GatewayKeys(buildings::buildingOfGateway, System::nanoTime), Believed.standard(), receipts, config.broker().receiveMaximum());
        String group = config.broker().shared() ? "$share/anju-bridge-" + config.park() + "/" : "";
        TlsSettings brokerTls = config.broker().uri().startsWith("ssl://")
                ? TlsSettings.serverOnly(config.broker().caFile().orElse(null)) : null;
        MqttConnector connector = MqttConnector.forProtocol(config.broker().protocol());
        ParkMqtt mqtt = new ParkMqtt(new ParkMqtt.Settings("bulk", config.broker().uri(), clientId(config),
                credentials(config.broker().username(), config.broker().passwordFile()), brokerTls, true,
                new Intake(config.broker().receiveMaximum(), INTAKE_BYTES)),
                List.of(new ParkMqtt.Subscription(group + Topics.everyGateway(config.park(), Topics.Stream.EVENTS), ingest::onEvents),
                        new ParkMqtt.Subscription(group + Topics.everyGateway(config.park(), Topics.Stream.TELEMETRY),
                                ingest::onTelemetry)),
                connector);
        // the fleet view: each status checked by one instance (a shared subscription when the broker has them), kept in the store
        var statuses = new org.anju.bridge.park.fleet.FleetIntake(new org.anju.bridge.park.store.FleetStore(db, config.instance()),
                clock, Believed.standard());
        ParkMqtt live = new ParkMqtt(new ParkMqtt.Settings("live", config.broker().uri(), liveClientId(config),
                credentials(config.broker().liveUsername(), config.broker().livePasswordFile()), brokerTls, false,
                new Intake(LIVE_RECEIVE_MAXIMUM, INTAKE_BYTES)),
                List.of(new ParkMqtt.Subscription(Topics.everyGateway(config.park(), Topics.Stream.EVENTS), ingest::onLiveEvents),
                        new ParkMqtt.Subscription(Topics.everyGateway(config.park(), Topics.Stream.STATE), ingest::onState),
                        new ParkMqtt.Subscription(Topics.everyGateway(config.park(), Topics.Stream.REPLIES),
                                (topic, payload) -> ingest.onReply(topic, payload, sender::onReply)),
                        new ParkMqtt.Subscription(group + Topics.everyGateway(config.park(), Topics.Stream.STATUS),
                                (topic, payload) -> ingest.onStatus(topic, payload, statuses))),
                connector);
        sender.attach(live);
        receipts.attach(Receipts.Sink.of(live));
        ParkBridge bridge = new ParkBridge(vertx, config, db, mqtt, live, ingest, roster, liveFeed, buildings);
        try {
            if (adminPassword != null && people.accountByLogin(config.admin().login()).join().isEmpty()) {
                people.createAccount(config.admin().login(), Role.ADMIN, "Park administrator",
                        hasher.hash(adminPassword.toCharArray())).join();
            }
            ParkMetrics metrics = new ParkMetrics(ingest, mqtt, live);
            Sessions sessions = new Sessions(tokens, new SessionStore(db), clock);
            ParkApi api = new ParkApi(vertx, config, db, ingestStore, people, sender, roster, sessions, hasher, cipher,
                    bridge::health, metrics::scrape, passes, liveFeed, buildings);
            bridge.api = api;
            bridge.server = api.listen(config.http().bind(), config.http().port(), config.http().tls())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            bridge.port = bridge.server.actualPort();
            config.http().tls().ifPresent(tls -> bridge.watchTls(tls));
        } catch (Exception e) {
            bridge.close();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            return new Start.Failed("cannot start the API: " + cause.getMessage());
        }
        birthsWarm.join();
        live.start();
        mqtt.start();
        roster.start();
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

    /** The live connection's client id: its own broker user, or the bulk one's id with {@code -live}. */
    static String liveClientId(ParkConfig config) {
        return config.broker().liveUsername().orElse(clientId(config) + "-live");
    }

    /** Payload bytes one connection holds unacknowledged at most (a larger batch is taken alone). */
    static final long INTAKE_BYTES = 16L << 20;
    /** Messages the live connection holds unacknowledged at most: alarms, states and replies are few. */
    static final int LIVE_RECEIVE_MAXIMUM = 64;

    /** The first administrator's password file, read and held to the password policy at every start. */
    private sealed interface AdminPassword {
        record Read(String password) implements AdminPassword {
        }

        record Refused(String reason) implements AdminPassword {
        }
    }

    private static AdminPassword adminPassword(ParkConfig.Admin admin) {
        String password;
        try {
            password = Files.readAllLines(admin.passwordFile()).stream().findFirst().orElse("");
        } catch (IOException e) {
            return new AdminPassword.Refused("admin.passwordFile: cannot read " + admin.passwordFile() + " (" + e + ")");
        }
        Optional<String> weak = PasswordPolicy.problem(password, admin.login());
        return weak.<AdminPassword>map(w -> new AdminPassword.Refused("admin.passwordFile " + admin.passwordFile() + ": " + w
                + " (the first line of the file is the password; e.g. openssl rand -base64 18 > " + admin.passwordFile() + ")"))
                .orElse(new AdminPassword.Read(password));
    }

    /** Why the TLS files cannot serve, before the server tries; empty if both read. */
    private static Optional<String> tlsProblem(ParkConfig.Tls tls) {
        for (var f : java.util.List.of(tls.certFile(), tls.keyFile())) {
            if (!Files.isReadable(f)) {
                return Optional.of("http.tls: cannot read " + f + (Files.exists(f) ? " (permissions)" : " (no such file)"));
            }
        }
        return Optional.empty();
    }

    /** Reads the certificate and key again when they change on disk (checked every 10 s). */
    private void watchTls(ParkConfig.Tls tls) {
        tlsStamp = stamp(tls);
        vertx.setPeriodic(10_000, t -> vertx.executeBlocking(() -> stamp(tls)).onSuccess(now -> {
            if (!now.equals(tlsStamp)) {
                tlsStamp = now;
                reloadTls();
            }
        }));
        this.tls = tls;
    }

    private static String stamp(ParkConfig.Tls tls) {
        StringBuilder s = new StringBuilder();
        for (var f : java.util.List.of(tls.certFile(), tls.keyFile())) {
            try {
                s.append(Files.getLastModifiedTime(f).toMillis()).append('/').append(Files.size(f)).append(';');
            } catch (IOException e) {
                s.append("missing;");
            }
        }
        return s.toString();
    }

    /**
     * Serves the certificate and key as they are on disk now (SIGHUP, or a change seen on disk);
     * connections already open keep theirs. A pair that does not load leaves the old one serving.
     */
    public CompletableFuture<Boolean> reloadTls() {
        ParkConfig.Tls t = tls;
        if (t == null || server == null) {
            return CompletableFuture.completedFuture(false);
        }
        return server.updateSSLOptions(new io.vertx.core.net.ServerSSLOptions().setKeyCertOptions(ParkApi.pem(t)), true)
                .onSuccess(done -> LOG.info("TLS certificate and key read again from " + t.certFile() + " and " + t.keyFile()))
                .onFailure(e -> LOG.warning("TLS certificate and key in " + t.certFile() + " and " + t.keyFile()
                        + " did not load; the previous ones still serve: " + e.getMessage()))
                .toCompletionStage().toCompletableFuture();
    }

    private static CredentialSource credentials(Optional<String> username, Optional<java.nio.file.Path> passwordFile) {
        return username.isPresent() && passwordFile.isPresent()
                ? new CredentialSource.PasswordFile(username.get(), passwordFile.get())
                : new CredentialSource.None();
    }

    /**
     * Ready when both connections are up and took every subscription; the counters say how ingest
     * goes, what each connection holds unacknowledged (never above its limit), what waits for
     * the store and what each of its writers is writing and for how long, and how many consoles listen and what was built for them (nothing while none does).
     */
    JsonObject health() {
        JsonObject dropped = new JsonObject();
        ingest.dropped().forEach(dropped::put);
        List<String> reasons = new java.util.ArrayList<>();
        if (mqtt.problem() != null) {
            reasons.add("broker: " + mqtt.problem());
        }
        if (live.problem() != null) {
            reasons.add("broker (live connection, user " + config.broker().liveUsername().orElse("anonymous") + "): "
                    + live.problem());
        }
        if (buildings.problem() != null) {
            reasons.add("buildings: " + buildings.problem());
        }
        if (consoles.fanOutProblem() != null) {
            reasons.add("consoles of other instances (PostgreSQL LISTEN/NOTIFY): " + consoles.fanOutProblem());
        }
        JsonObject intake = new JsonObject();
        for (ParkMqtt m : List.of(mqtt, live)) {
            intake.put(m.name(), new JsonObject().put("unacknowledged", m.unacknowledged())
                    .put("peak", m.peakUnacknowledged()).put("limit", m.limit()));
        }
        intake.getJsonObject(live.name()).put("leftToShared", ingest.liveWayFull());
        JsonObject waiting = new JsonObject();
        ingest.waiting().forEach(waiting::put);
        io.vertx.core.json.JsonArray writers = new io.vertx.core.json.JsonArray();
        ingest.storeWriters().forEach(w -> writers.add(new JsonObject(w)));
        return new JsonObject().put("ready", reasons.isEmpty())
                .put("reasons", new io.vertx.core.json.JsonArray(reasons))
                .put("broker", mqtt.connected() && live.connected() ? "connected" : "not connected")
                .put("storedEvents", ingest.storedEvents()).put("duplicateEvents", ingest.duplicateEvents())
                .put("heldEvents", ingest.heldEvents()).put("flaggedEvents", ingest.flaggedEvents())
                .put("dropped", dropped).put("intake", intake).put("waitingForStore", waiting).put("storeWriters", writers)
                .put("consoles", new JsonObject().put("listening", consoles.listeners()).put("sent", consoles.published())
                        .put("notShown", consoles.unshowable()));
    }

    public int port() {
        return port;
    }

    /** See {@link ParkMqtt#firstAttempt()}: why this broker can never work, if the first attempt says so. */
    public java.util.concurrent.CompletableFuture<java.util.Optional<String>> brokerIncompatible() {
        return mqtt.firstAttempt();
    }

    public boolean brokerConnected() {
        return mqtt.connected() && live.connected();
    }

    /** The bulk connection, for tests of what it holds unacknowledged. */
    public ParkMqtt bulkConnection() {
        return mqtt;
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
        roster.close();
        if (api != null) {
            api.close();
        }
        live.close();
        mqtt.close();
        ingest.close();
        consoles.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // stopping anyway
        }
        db.close();
    }
}
