package org.anju.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.anju.agent.access.AccessClock;
import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.ParkTimeFloor;
import org.anju.agent.access.PassCheck;
import org.anju.agent.access.PinHasher;
import org.anju.agent.access.RosterService;
import org.anju.agent.access.RosterStore;
import org.anju.agent.api.AgentMetrics;
import org.anju.agent.api.LocalApi;
import org.anju.agent.bus.DeviceStatus;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.coap.LockEndpoint;
import org.anju.agent.coap.LockEvents;
import org.anju.agent.command.CommandApi;
import org.anju.agent.door.SiteDoors;
import org.anju.agent.door.WirelessLocks;
import org.anju.agent.event.EventLog;
import org.anju.agent.gate.GateCommands;
import org.anju.agent.gate.SiteGates;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.GpioOpenResult;
import org.anju.agent.gpio.Pi4jGpioBoard;
import org.anju.agent.lift.LiftCommands;
import org.anju.agent.lift.SiteLifts;
import org.anju.agent.occupancy.SiteOccupancy;
import org.anju.agent.store.AuditTrail;
import org.anju.agent.store.ChargingAlarms;
import org.anju.agent.store.ChargingSessions;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.LiftReleases;
import org.anju.agent.store.OccupancyStore;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.RulesMemoryFile;
import org.anju.agent.uplink.ParkUplink;
import org.anju.bridge.command.FileNonceStore;
import org.anju.bridge.command.NonceCache;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.Priority;
import org.anju.profiles.model.Site;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;

/**
 * The gateway put together from its site file in named stages. Each stage keeps what it opens
 * in one {@link OpenedParts}; when a stage fails (a refusal or an exception) everything opened so
 * far is closed, last first, and the start answers {@link Gateway.Start.Failed} naming the stage.
 * A running gateway stops through the same list, so the order of stopping is written once: the
 * devices, then the buses, the park link, Vert.x (with the local API), the store, GPIO last.
 *
 * <p>Runs on the caller's thread, which waits (at most {@link #API_WAIT}) for the local API to
 * listen; the caller is never an event loop (the agent's main thread, a test's).
 */
final class GatewayAssembly {
    /** The stages in the order they run. */
    enum Stage {
        SECRETS("secrets"), GPIO("gpio"), RUNTIME("runtime"), BUSES("buses"), DEVICES("devices"),
        LOCAL_API("local API"), PARK_LINK("park link");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** A hook run as each stage begins, for tests that make a stage fail; production's does nothing. */
    @FunctionalInterface
    interface Faults {
        Faults NONE = stage -> { };

        void before(Stage stage) throws Exception;
    }

    /** What the gateway's runtime is made of: Vert.x, the event store and the access decisions. */
    record Runtime(Vertx vertx, Outbox outbox, EventLog events, AccessDecider decider, RosterService roster,
                   AccessClock accessClock, Stores stores) {
    }

    /** The database's side stores the devices keep their state in. */
    record Stores(ChargingSessions sessions, ChargingAlarms chargingAlarms, AuditTrail audit, LiftReleases liftReleases,
                  OccupancyStore occupancy) {
    }

    /** The building's devices: doors (with wireless locks, when the site has a CoAP endpoint), lifts, gates, alarms, charging. */
    record Devices(LockEndpoint locks, SiteDoors doors, SiteLifts lifts, SiteGates gates, SiteOccupancy occupancy,
                   SiteAlarms alarms, ChargingWiring charging) {
    }

    private record Secrets(String pinKey, String apiToken, byte[] offlinePinSecret) {
    }

    /** A stage's refusal, with a reason a person can act on. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A failed stage, with what was wrong. */
    private static final class StageFailed extends Exception {
        final Stage stage;

        StageFailed(Stage stage, String reason) {
            super(reason, null, false, false);
            this.stage = stage;
        }
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    static final Duration API_WAIT = Duration.ofSeconds(30);
    /** How often the park's time is saved while the gateway runs (and once at stop). */
    private static final Duration PARK_TIME_SAVE = Duration.ofMinutes(1);

    private final Site site;
    private final DataFolder data;
    private final GatewayDatabase database;
    private final Clock clock;
    private final SteadyTime chargingTime;
    private final Faults faults;
    private final org.anju.agent.site.SiteChanges siteChanges;
    private final OpenedParts parts = new OpenedParts();
    private final AtomicReference<ParkUplink> park = new AtomicReference<>();
    /** When the gateway began to start, for its uptime. */
    private final long startedNanos = System.nanoTime();

    private GatewayAssembly(Site site, DataFolder data, GatewayDatabase database, Clock clock, SteadyTime chargingTime,
                            Faults faults, org.anju.agent.site.SiteChanges siteChanges) {
        this.siteChanges = siteChanges;
        this.site = site;
        this.data = data;
        this.database = database;
        this.clock = clock;
        this.chargingTime = chargingTime;
        this.faults = faults;
    }

    static Gateway.Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock, SteadyTime chargingTime,
                               Faults faults) {
        return start(site, data, database, clock, chargingTime, faults, org.anju.agent.site.SiteChanges.NONE);
    }

    static Gateway.Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock, SteadyTime chargingTime,
                               Faults faults, org.anju.agent.site.SiteChanges siteChanges) {
        return new GatewayAssembly(site, data, database, clock, chargingTime, faults, siteChanges).start();
    }

    private Gateway.Start start() {
        try {
            Secrets secrets = stage(Stage.SECRETS, this::secrets);
            GpioBoard gpio = stage(Stage.GPIO, this::gpio);
            Runtime runtime = stage(Stage.RUNTIME, () -> runtime(secrets));
            SiteBuses buses = stage(Stage.BUSES, () -> buses(runtime.events()));
            Devices devices = stage(Stage.DEVICES, () -> devices(gpio, runtime, buses));
            Gateway gateway = new Gateway(site, gpio, runtime, buses, devices, park, parts);
            int apiPort = stage(Stage.LOCAL_API, () -> localApi(secrets, runtime, buses, devices, gateway));
            gateway.listening(apiPort);
            stage(Stage.PARK_LINK, () -> parkLink(runtime, buses));
            return new Gateway.Start.Started(gateway);
        } catch (StageFailed failed) {
            parts.close();
            return new Gateway.Start.Failed(failed.stage.label, "the gateway did not start: its " + failed.stage.label
                    + " stage failed (" + failed.getMessage() + ") and what it had opened is closed");
        }
    }

    private <T> T stage(Stage stage, Step<T> step) throws StageFailed {
        try {
            faults.before(stage);
            return step.run();
        } catch (Refused refused) {
            throw new StageFailed(stage, refused.getMessage());
        } catch (ExecutionException e) {
            throw new StageFailed(stage, String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            throw new StageFailed(stage, "no answer within " + API_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageFailed(stage, "interrupted");
        } catch (Exception e) {
            throw new StageFailed(stage, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private Secrets secrets() throws Refused {
        String pinKey;
        String apiToken;
        try {
            pinKey = data.secret("pin.key", 32);
            apiToken = data.secret("api.token", 24);
        } catch (IOException e) {
            throw new Refused("cannot read or make the gateway's secrets in " + data.dir() + ": " + e.getMessage());
        }
        if (site.park().offlinePinKeyFile().isEmpty()) {
            return new Secrets(pinKey, apiToken, null);
        }
        Path file = site.park().offlinePinKeyFile().get();
        byte[] offline;
        try {
            offline = HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("park.offlinePinKeyFile " + file + ": cannot read 64 hex digits from it (" + e.getMessage() + ")");
        }
        if (offline.length < 32) {
            throw new Refused("park.offlinePinKeyFile " + file + ": the secret must be 32 bytes (64 hex digits)");
        }
        return new Secrets(pinKey, apiToken, offline);
    }

    private GpioBoard gpio() throws Refused {
        String provider = site.gateway().gpio().id();
        GpioOpenResult opened = Pi4jGpioBoard.open(provider);
        if (opened instanceof GpioOpenResult.Failed failed) {
            throw new Refused("GPIO (" + provider + "): " + failed.reason());
        }
        GpioBoard board = ((GpioOpenResult.Opened) opened).board();
        parts.keep("GPIO", board::close);
        return board;
    }

    /** Vert.x, the outbox, the roster and the side stores; a park-time floor saved at stop. */
    private Runtime runtime(Secrets secrets) {
        OccupancyStore occupancyStore = keep("occupancy store", new OccupancyStore(database));
        LiftReleases liftReleases = keep("lift releases", new LiftReleases(database));
        AuditTrail audit = keep("audit trail", new AuditTrail(database, clock));
        ChargingAlarms chargingAlarms = keep("charging alarms", new ChargingAlarms(database));
        ChargingSessions sessions = keep("charging sessions", new ChargingSessions(database));
        // stays are judged on the gateway's clock guarded by the park's time (anchored by every
        // verified park command, persisted so a restart with the clock set back cannot revive a lease)
        ParkTimeFloor parkTime = new ParkTimeFloor(data.dir());
        AccessClock accessClock = new AccessClock(clock, System::nanoTime, Duration.ofMinutes(5), parkTime.read());
        parts.keep("park time", () -> parkTime.saveFrom(accessClock));
        RosterStore rosterStore = keep("roster store", new RosterStore(database));
        Outbox outbox = keep("outbox", new Outbox(database, clock));
        Vertx vertx = Vertx.vertx();
        parts.keep("Vert.x", () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        // the park link is the last stage but stops here: after the devices and buses (their last
        // events committed), before Vert.x it runs on
        parts.keep("park link", () -> {
            ParkUplink link = park.getAndSet(null);
            if (link != null) {
                link.close();
            }
        });
        EventLog events = new EventLog(outbox, vertx);
        AccessDecider decider = new AccessDecider(new PinHasher(HexFormat.of().parseHex(secrets.pinKey())),
                secrets.offlinePinSecret());
        decider.recordUsesWith((guest, used) -> rosterStore.recordUse(guest, used));        vertx.setPeriodic(PARK_TIME_SAVE.toMillis(), t -> vertx.executeBlocking(() -> {
            parkTime.saveFrom(accessClock);
            return null;
        }));
        DiskBudget.watch(vertx, outbox, events, site.gateway().diskBudgetMegabytes() * 1024L * 1024L);
        return new Runtime(vertx, outbox, events, decider, new RosterService(rosterStore, decider, vertx), accessClock,
                new Stores(sessions, chargingAlarms, audit, liftReleases, occupancyStore));
    }

    private SiteBuses buses(EventLog events) {
        return keep("buses", new SiteBuses(site, status -> events.record(status.online() ? Priority.STATE : Priority.ALARM,
                status.online() ? "device.online" : "device.offline", status)));
    }

    private Devices devices(GpioBoard gpio, Runtime runtime, SiteBuses buses) {
        Vertx vertx = runtime.vertx();
        EventLog events = runtime.events();
        AccessDecider decider = runtime.decider();
        AccessClock accessClock = runtime.accessClock();
        LockEndpoint locks = null;
        WirelessLocks wireless = WirelessLocks.none("the site has no CoAP endpoint");
        if (site.endpoints().coap().isPresent()) {
            LockEndpoint.Start coap = LockEndpoint.start(site, vertx, clock::instant, LockEvents.into(events), Duration.ofSeconds(1));
            if (coap instanceof LockEndpoint.Start.Started s) {
                locks = s.endpoint();
                parts.keep("CoAP endpoint", locks::stop);
                wireless = locks;
            } else {
                wireless = WirelessLocks.none("CoAP endpoint not started: " + ((LockEndpoint.Start.Failed) coap).reason());
            }
        }
        SiteDoors doors = SiteDoors.start(vertx, site, gpio,
                id -> new SiteDoors.BoardAt(buses.lockBoards().get(id).client(), site.device(id).orElseThrow().address()),
                wireless, decider, accessClock::now, event -> DoorEvents.record(events, event));
        parts.keep("doors", doors::close);
        BoardDoorSensors.attach(site, buses, doors.doors());
        if (locks != null) {
            locks.attachDoors(doors.doors());
        }
        Stores stores = runtime.stores();
        ChargingWiring charging = keep("charging", new ChargingWiring(site, buses, doors.doors(), events, chargingTime, clock,
                stores.sessions(), stores.chargingAlarms(), new RulesMemoryFile(data.dir().resolve("charging-memory.json"))));
        SiteOccupancy occupancy = keep("occupancy", SiteOccupancy.start(vertx, site, stores.occupancy(), events, clock));
        SiteLifts lifts = SiteLifts.start(vertx, site, gpio, buses, decider, accessClock::now,
                stores.liftReleases().released().join(), events, clock);
        parts.keep("lifts", lifts::close);
        SiteGates gates = SiteGates.start(vertx, site, gpio, buses, decider, accessClock::now, occupancy, events);
        parts.keep("gates", gates::close);
        SiteAlarms alarms = SiteAlarms.start(site, gpio, doors.doors(), events, charging::onFireInput, (input, active) -> {
            lifts.fire(input, active);
            gates.fire(input, active);
            occupancy.fire(input, active);
        });
        buses.scanModbusDevices(site, clock, snapshot -> {
            charging.onSnapshot(snapshot);
            lifts.onSnapshot(snapshot);
            gates.onSnapshot(snapshot);
        });
        return new Devices(locks, doors, lifts, gates, occupancy, alarms, charging);
    }

    /** The command API on the event bus and the local HTTP API; waits on this (not an event loop) thread for the port. */
    private int localApi(Secrets secrets, Runtime runtime, SiteBuses buses, Devices devices, Gateway gateway)
            throws Exception {
        Vertx vertx = runtime.vertx();
        AccessClock accessClock = runtime.accessClock();
        AccessDecider decider = runtime.decider();
        LocalApi api = new LocalApi(vertx, secrets.apiToken(), runtime.outbox(), gateway::health, gateway::readiness,
                new AgentMetrics(vertx, runtime.outbox(), runtime.events(), buses.schedulers(), clock,
                        () -> gateway.park() == null ? null : gateway.park().status())::scrape)
                .withMetrics(site.endpoints().metrics()).withOccupancy(gateway::occupancyView);
        LocalApi withPasses = passes(api, decider, accessClock, devices);
        Future<Integer> ready = runtime.roster().reload()
                .compose(n -> vertx.deployVerticle(new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        new CommandApi(devices.doors().doors(), runtime.roster(),
                                (tenant, door) -> decider.decideTenant(tenant, door, accessClock.now()),
                                devices.charging()::request, runtime.stores().audit(),
                                List.of(new LiftCommands(devices.lifts()), new GateCommands(devices.gates(), devices.occupancy())))
                                .register(vertx);
                        return Future.succeededFuture();
                    }
                }))
                .compose(id -> withPasses.listen(site.endpoints().localApi().bind(), site.endpoints().localApi().port()))
                .map(server -> server.actualPort());
        return ready.toCompletionStage().toCompletableFuture().get(API_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tenants' signed passes on the local API, when the site names the park's command keys (the
     * park signs passes with them); their nonces are kept in {@code DATA/pass-nonces}.
     */
    private LocalApi passes(LocalApi api, AccessDecider decider, AccessClock accessClock, Devices devices) throws Refused {
        if (site.park().commandKeys().isEmpty()) {
            return api;
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (var key : site.park().commandKeys()) {
            try {
                keys.put(key.id(), Ed25519Keys.readPublic(key.file()));
            } catch (IllegalArgumentException e) {
                throw new Refused("park.commandKeys " + key.id() + ": " + e.getMessage());
            }
        }
        Path file = data.dir().resolve("pass-nonces");
        FileNonceStore store = keep("pass nonces", new FileNonceStore(file));
        NonceCache nonces;
        try {
            nonces = new NonceCache(store, 100_000, clock);
        } catch (IOException e) {
            throw new Refused("cannot read the used passes in " + file + ": " + e.getMessage());
        }
        return api.withPasses(new PassCheck(site.park().parkId(), keys, nonces, decider), devices.doors().doors(),
                accessClock::now);
    }

    private Void parkLink(Runtime runtime, SiteBuses buses) throws Refused {
        ParkUplink.Start link = ParkUplink.start(site, data.dir(), runtime.outbox(), runtime.roster(), runtime.events(),
                runtime.vertx(), clock, Gateway.SOFTWARE, runtime.accessClock()::anchor,
                new org.anju.agent.uplink.GatewayStatusSource(site, buses, runtime.outbox(), clock, startedNanos), siteChanges);
        if (link instanceof ParkUplink.Start.Failed failed) {
            throw new Refused(failed.reason());
        }
        park.set(((ParkUplink.Start.Started) link).link());
        return null;
    }

    private <T extends AutoCloseable> T keep(String name, T part) {
        parts.keep(name, part);
        return part;
    }
}
