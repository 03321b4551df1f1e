package org.anju.agent;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.anju.agent.access.AccessClock;
import org.anju.agent.access.AccessDecider;
import org.anju.agent.access.PinHasher;
import org.anju.agent.access.RosterService;
import org.anju.agent.access.RosterStore;
import org.anju.agent.api.LocalApi;
import org.anju.agent.bus.DeviceStatus;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.coap.LockEndpoint;
import org.anju.agent.coap.LockEvents;
import org.anju.agent.command.CommandApi;
import org.anju.agent.door.DoorEvent;
import org.anju.agent.door.DoorRuntime;
import org.anju.agent.door.SiteDoors;
import org.anju.agent.door.WirelessLocks;
import org.anju.agent.event.EventLog;
import org.anju.agent.gate.GateCommands;
import org.anju.agent.gate.GateRuntime;
import org.anju.agent.gate.SiteGates;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.GpioOpenResult;
import org.anju.agent.gpio.Pi4jGpioBoard;
import org.anju.agent.lift.LiftCommands;
import org.anju.agent.lift.LiftRuntime;
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
import org.anju.bridge.contract.Priority;
import org.anju.profiles.model.Site;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The gateway of one building, put together from its site file: the event store, the buses and
 * their devices, the doors with their readers, the alarm inputs, the command API and the local
 * HTTP API. Each part runs where it must: JDBC on the store's thread, each bus on its own
 * thread, doors on Vert.x contexts; nothing blocks an event loop.
 */
public final class Gateway {
    /** Starting either gives a running gateway or says why not; nothing is left half started. */
    public sealed interface Start {
        record Started(Gateway gateway) implements Start {
        }

        record Failed(String reason) implements Start {
        }
    }

    private final Site site;
    private final Vertx vertx;
    private final Outbox outbox;
    private final RosterStore roster;
    private final GpioBoard gpio;
    private final SiteBuses buses;
    private final SiteDoors doors;
    private final SiteAlarms alarms;
    private final ChargingWiring charging;
    private final Building building;
    private final AccessDecider decider;
    private final List<AutoCloseable> stores;
    private volatile int apiPort;
    private volatile ParkUplink park;
    private volatile LockEndpoint locks;
    private volatile AccessClock accessClock;
    private volatile org.anju.agent.access.ParkTimeFloor parkTime;
    /** How often the park's time is saved while the gateway runs (and once at a clean stop). */
    private static final Duration PARK_TIME_SAVE = Duration.ofMinutes(1);

    /** How people move through the building: its lifts, its gates and who is inside. */
    private record Building(SiteLifts lifts, SiteGates gates, SiteOccupancy occupancy, AccessDecider decider) {
    }

    private Gateway(Site site, Vertx vertx, Outbox outbox, RosterStore roster, GpioBoard gpio, SiteBuses buses,
                    SiteDoors doors, SiteAlarms alarms, ChargingWiring charging, Building building, List<AutoCloseable> stores) {
        this.stores = stores;
        this.site = site;
        this.vertx = vertx;
        this.outbox = outbox;
        this.roster = roster;
        this.gpio = gpio;
        this.buses = buses;
        this.doors = doors;
        this.alarms = alarms;
        this.charging = charging;
        this.building = building;
        this.decider = building.decider();
    }

    /** The agent's version, for the park's view of its gateways (the MQTT birth message). */
    static final String SOFTWARE = "anju-agent/" + java.util.Objects.requireNonNullElse(
            Gateway.class.getPackage().getImplementationVersion(), "0.1.0");

    public static Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock) {
        return start(site, data, database, clock, SteadyTime.from(clock));
    }

    /** As above, with the charging rules on {@code chargingTime} (scenario tests run it faster than the wall). */
    static Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock, SteadyTime chargingTime) {
        String pinKey;
        String apiToken;
        try {
            pinKey = data.secret("pin.key", 32);
            apiToken = data.secret("api.token", 24);
        } catch (IOException e) {
            return new Start.Failed("cannot read or make the gateway's secrets in " + data.dir() + ": " + e.getMessage());
        }
        byte[] offlinePinSecret = null;
        if (site.park().offlinePinKeyFile().isPresent()) {
            java.nio.file.Path file = site.park().offlinePinKeyFile().get();
            try {
                offlinePinSecret = HexFormat.of().parseHex(java.nio.file.Files.readString(file).strip());
            } catch (IOException | IllegalArgumentException e) {
                return new Start.Failed("park.offlinePinKeyFile " + file + ": cannot read 64 hex digits from it ("
                        + e.getMessage() + ")");
            }
            if (offlinePinSecret.length < 32) {
                return new Start.Failed("park.offlinePinKeyFile " + file + ": the secret must be 32 bytes (64 hex digits)");
            }
        }
        GpioOpenResult opened = Pi4jGpioBoard.open(site.gateway().gpio().id());
        if (opened instanceof GpioOpenResult.Failed failed) {
            return new Start.Failed("GPIO (" + site.gateway().gpio().id() + "): " + failed.reason());
        }
        GpioBoard gpio = ((GpioOpenResult.Opened) opened).board();
        Vertx vertx = Vertx.vertx();
        Outbox outbox = new Outbox(database, clock);
        EventLog events = new EventLog(outbox, vertx);
        AccessDecider decider = new AccessDecider(new PinHasher(HexFormat.of().parseHex(pinKey)), offlinePinSecret);
        RosterStore roster = new RosterStore(database);
        RosterService rosterService = new RosterService(roster, decider, vertx);
        // stays are judged on the gateway's clock guarded by the park's time (anchored by every
        // verified park command, persisted so a restart with the clock set back cannot revive a lease)
        org.anju.agent.access.ParkTimeFloor parkTime = new org.anju.agent.access.ParkTimeFloor(data.dir());
        AccessClock accessClock = new AccessClock(clock, System::nanoTime, Duration.ofMinutes(5), parkTime.read());

        SiteBuses buses = new SiteBuses(site, status -> recordDeviceStatus(events, status));
        LockEndpoint locks = null;
        WirelessLocks wireless = WirelessLocks.none("the site has no CoAP endpoint");
        if (site.endpoints().coap().isPresent()) {
            LockEndpoint.Start coap = LockEndpoint.start(site, vertx, clock::instant, LockEvents.into(events), Duration.ofSeconds(1));
            if (coap instanceof LockEndpoint.Start.Started s) {
                locks = s.endpoint();
                wireless = locks;
            } else {
                wireless = WirelessLocks.none("CoAP endpoint not started: " + ((LockEndpoint.Start.Failed) coap).reason());
            }
        }
        SiteDoors doors = SiteDoors.start(vertx, site, gpio,
                id -> new SiteDoors.BoardAt(buses.lockBoards().get(id).client(), site.device(id).orElseThrow().address()),
                wireless, decider, accessClock::now, event -> DoorEvents.record(events, event));
        BoardDoorSensors.attach(site, buses, doors.doors());
        if (locks != null) {
            locks.attachDoors(doors.doors());
        }
        ChargingSessions sessions = new ChargingSessions(database);
        ChargingAlarms chargingAlarms = new ChargingAlarms(database);
        AuditTrail audit = new AuditTrail(database, clock);
        ChargingWiring charging = new ChargingWiring(site, buses, doors.doors(), events, chargingTime, clock, sessions,
                chargingAlarms, new RulesMemoryFile(data.dir().resolve("charging-memory.json")));
        LiftReleases liftReleases = new LiftReleases(database);
        OccupancyStore occupancyStore = new OccupancyStore(database);
        SiteOccupancy occupancy = SiteOccupancy.start(vertx, site, occupancyStore, events, clock);
        SiteLifts lifts = SiteLifts.start(vertx, site, gpio, buses, decider, accessClock::now, liftReleases.released().join(),
                events, clock);
        SiteGates gates = SiteGates.start(vertx, site, gpio, buses, decider, accessClock::now, occupancy, events);
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

        Gateway gateway = new Gateway(site, vertx, outbox, roster, gpio, buses, doors, alarms, charging,
                new Building(lifts, gates, occupancy, decider), List.of(sessions, chargingAlarms, audit, liftReleases, occupancyStore));
        gateway.locks = locks;
        gateway.accessClock = accessClock;
        gateway.parkTime = parkTime;
        vertx.setPeriodic(PARK_TIME_SAVE.toMillis(), t -> vertx.executeBlocking(() -> {
            parkTime.saveFrom(accessClock);
            return null;
        }));
        DiskBudget.watch(vertx, outbox, events, site.gateway().diskBudgetMegabytes() * 1024L * 1024L);
        Future<Integer> ready = rosterService.reload()
                .compose(n -> vertx.deployVerticle(new io.vertx.core.VerticleBase() {
                    @Override
                    public Future<?> start() {
                        new CommandApi(doors.doors(), rosterService,
                                (tenant, door) -> decider.decideTenant(tenant, door, accessClock.now()),
                                charging::request, audit, List.of(new LiftCommands(lifts), new GateCommands(gates, occupancy)))
                                .register(vertx);
                        return Future.succeededFuture();
                    }
                }))
                .compose(id -> passes(site, data, decider, accessClock, new LocalApi(vertx, apiToken, outbox, gateway::health,
                        gateway::readiness, new org.anju.agent.api.AgentMetrics(vertx, outbox, events, buses.schedulers(),
                                clock, () -> gateway.park == null ? null : gateway.park.status())::scrape)
                                .withMetrics(site.endpoints().metrics()).withOccupancy(gateway::occupancyView), doors.doors(), clock)
                        .listen(site.endpoints().localApi().bind(), site.endpoints().localApi().port()))
                .map(server -> server.actualPort());
        try {
            gateway.apiPort = ready.toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            ParkUplink.Start link = ParkUplink.start(site, data.dir(), outbox, rosterService, events, vertx, clock,
                    SOFTWARE, accessClock::anchor);
            if (link instanceof ParkUplink.Start.Failed failed) {
                gateway.stop();
                return new Start.Failed(failed.reason());
            }
            gateway.park = ((ParkUplink.Start.Started) link).link();
            return new Start.Started(gateway);
        } catch (Exception e) {
            gateway.stop();
            Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            return new Start.Failed("cannot start: " + cause.getMessage());
        }
    }

    /**
     * Tenants' signed passes on the local API, when the site names the park's command keys (the
     * park signs passes with them); their nonces are kept in {@code DATA/pass-nonces}.
     */
    private static LocalApi passes(Site site, DataFolder data, AccessDecider decider, AccessClock accessClock, LocalApi api,
                                   Map<String, DoorRuntime> doors, Clock clock) {
        if (site.park().commandKeys().isEmpty()) {
            return api;
        }
        Map<String, java.security.PublicKey> keys = new java.util.LinkedHashMap<>();
        site.park().commandKeys().forEach(k -> keys.put(k.id(), org.anju.bridge.contract.Ed25519Keys.readPublic(k.file())));
        org.anju.bridge.command.NonceCache nonces;
        try {
            nonces = new org.anju.bridge.command.NonceCache(
                    new org.anju.bridge.command.FileNonceStore(data.dir().resolve("pass-nonces")), 100_000, clock);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the used passes in " + data.dir().resolve("pass-nonces") + ": "
                    + e.getMessage(), e);
        }
        return api.withPasses(new org.anju.agent.access.PassCheck(site.park().parkId(), keys, nonces, decider), doors,
                accessClock::now);
    }

    private static void recordDeviceStatus(EventLog events, DeviceStatus status) {
        events.record(status.online() ? org.anju.bridge.contract.Priority.STATE : org.anju.bridge.contract.Priority.ALARM,
                status.online() ? "device.online" : "device.offline", status);
    }

    /**
     * Ready when the event store answers, every bus's line is open and the park's broker is
     * connected; otherwise the reasons. Not ready still means the building works: doors and
     * safety rules never wait on the park, so this is for people and monitoring, not a restart.
     */
    java.util.concurrent.CompletableFuture<JsonObject> readiness() {
        return outbox.lastSequence().orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .handle((seq, failure) -> readiness(failure == null));
    }

    private JsonObject readiness(boolean storeAnswers) {
        java.util.List<String> reasons = new java.util.ArrayList<>();
        if (!storeAnswers) {
            reasons.add("event store not answering");
        }
        buses.schedulers().forEach((bus, s) -> {
            if (!s.lineUp()) {
                reasons.add("bus " + bus + " down");
            }
        });
        ParkUplink link = park;
        if (link != null) {
            org.anju.bridge.uplink.UplinkStatus s = link.status();
            String why = s.lastProblem() == null ? "" : ": " + s.lastProblem();
            if (s.brokerRefuses()) {
                reasons.add("the broker refuses the gateway's events" + why);
            } else if (s.link() != org.anju.bridge.uplink.UplinkStatus.Link.CONNECTED) {
                reasons.add("park broker unreachable" + why);
            } else if (s.parkUnconfirmed()) {
                reasons.add("the park confirms nothing the broker took (park.unconfirmed)" + why);
            }
        }
        return new JsonObject().put("ready", reasons.isEmpty()).put("reasons", new io.vertx.core.json.JsonArray(reasons));
    }

    /** What the health endpoint shows: doors and their phase, devices and whether they answer. */
    JsonObject health() {
        JsonObject doorPhases = new JsonObject();
        doors.doors().forEach((id, d) -> doorPhases.put(id, d.phase().name()));
        JsonObject devices = new JsonObject();
        buses.schedulers().forEach((busId, scheduler) -> site.buses().stream().filter(b -> b.id().equals(busId))
                .flatMap(b -> b.devices().stream())
                .forEach(d -> devices.put(d.id(), scheduler.isOnline(deviceName(d)))));
        JsonObject lifts = new JsonObject();
        building.lifts().lifts().forEach((id, l) -> lifts.put(id, l.fireReleased() ? "FIRE_RELEASE" : "NORMAL"));
        JsonObject gates = new JsonObject();
        building.gates().gates().forEach((id, g) -> gates.put(id, g.free() ? "FIRE_FREE" : "NORMAL"));
        JsonObject inside = new JsonObject();
        building.occupancy().view().forEach(v -> inside.put(v.building(), v.inside()));
        JsonObject health = new JsonObject().put("gateway", site.gateway().id()).put("doors", doorPhases)
                .put("lifts", lifts).put("gates", gates).put("inside", inside)
                .put("devices", devices).put("problems", problems());
        ParkUplink link = park;
        if (link != null) {
            org.anju.bridge.uplink.UplinkStatus s = link.status();
            health.put("park", new JsonObject().put("link", s.link().name()).put("session", s.session())
                    .put("inflightEvents", s.inflightEvents()).put("eventsPublished", s.eventsPublished())
                    .put("unconfirmedEvents", s.unconfirmedEvents()).put("eventsConfirmed", s.eventsAcknowledged())
                    .put("parkConfirmedSeq", s.parkConfirmedSeq()).put("lastReceiptAgeMillis", s.lastReceiptAgeMillis())
                    .put("acceptsCommands", link.acceptsCommands()).put("lastProblem", s.lastProblem()));
        }
        return health;
    }

    private String deviceName(org.anju.profiles.model.Device d) {
        return buses.lockBoards().containsKey(d.id())
                ? org.anju.agent.bus.LockBoardClient.deviceName(d.address())
                : org.anju.agent.bus.ModbusClient.deviceName(d.address());
    }

    public int apiPort() {
        return apiPort;
    }

    /** The CoAP endpoint's UDP port for wireless locks, if it runs. */
    public java.util.OptionalInt coapPort() {
        LockEndpoint endpoint = locks;
        return endpoint == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(endpoint.port());
    }

    public Map<String, DoorRuntime> doors() {
        return doors.doors();
    }

    public Map<String, LiftRuntime> lifts() {
        return building.lifts().lifts();
    }

    public Map<String, GateRuntime> gates() {
        return building.gates().gates();
    }

    /** The local API's view of who is inside: counts, and during a fire the renters with their rooms. */
    JsonObject occupancyView() {
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        for (SiteOccupancy.View v : building.occupancy().view()) {
            JsonObject b = new JsonObject().put("building", v.building()).put("inside", v.inside())
                    .put("unidentified", v.unidentified()).put("fire", v.fire());
            if (v.fire()) {
                io.vertx.core.json.JsonArray people = new io.vertx.core.json.JsonArray();
                v.roll().forEach(p -> people.add(new JsonObject().put("tenant", p.tenant())
                        .put("room", decider.roster().tenant(p.tenant()).map(t -> t.room()).orElse(null))
                        .put("since", p.since().toString()).put("gate", p.gate())));
                b.put("people", people);
            }
            out.add(b);
        }
        return new JsonObject().put("buildings", out);
    }

    /** Who is inside each building: the count always, the renters only during a fire. */
    public List<SiteOccupancy.View> occupancy() {
        return building.occupancy().view();
    }

    public List<String> doorProblems() {
        return doors.problems();
    }

    /** The mock GPIO's hand, for the demo and tests; empty on a real board. */
    public java.util.Optional<org.anju.agent.gpio.GpioSimulator> gpioSimulator() {
        return gpio.simulator();
    }

    /**
     * Whether the gateway still works: an event loop runs a task and the event store answers a
     * query, each within {@code timeout}. Blocks: for the watchdog's own thread only.
     */
    public boolean alive(java.time.Duration timeout) {
        try {
            java.util.concurrent.CompletableFuture<Boolean> loop = new java.util.concurrent.CompletableFuture<>();
            vertx.runOnContext(v -> loop.complete(true));
            loop.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            outbox.lastSequence().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The link to the park, for status and tests; null before the gateway has started. */
    public ParkUplink park() {
        return park;
    }

    /** Stops like a crash would, for tests: the park link drops without its goodbye, then the rest stops. */
    public void crash() {
        if (park != null) {
            park.abort();
            park = null;
        }
        stop();
    }

    public Vertx vertx() {
        return vertx;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Stops everything: doors to their safe state, buses, the park link, the store, GPIO last (outputs to shutdown levels). */
    public void stop() {
        if (locks != null) {
            locks.stop();
        }
        doors.close();
        building.lifts().close();
        building.gates().close();
        building.occupancy().close();
        charging.close();
        buses.close();
        if (park != null) {
            park.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // stopping anyway
        }
        outbox.close();
        roster.close();
        if (parkTime != null) {
            try {
                parkTime.saveFrom(accessClock);
            } catch (IOException e) {
                System.getLogger(Gateway.class.getName()).log(System.Logger.Level.WARNING,
                        "the park's time was not saved at stop: " + e.getMessage());
            }
        }
        for (AutoCloseable store : stores) {
            try {
                store.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }
        gpio.close();
    }

    /** Problems of parts that did not start while the rest runs (a pin taken, a wireless lock). */
    public List<String> problems() {
        List<String> all = new java.util.ArrayList<>(doors.problems());
        all.addAll(alarms.problems());
        all.addAll(building.lifts().problems());
        all.addAll(building.gates().problems());
        return all;
    }
}
