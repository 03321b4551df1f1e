package org.anju.agent;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.anju.agent.bus.SiteBuses;
import org.anju.agent.coap.LockEndpoint;
import org.anju.agent.door.DoorRuntime;
import org.anju.agent.gate.GateRuntime;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.lift.LiftRuntime;
import org.anju.agent.occupancy.SiteOccupancy;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.Outbox;
import org.anju.agent.uplink.ParkUplink;
import org.anju.profiles.model.Site;

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

        /** The stage that failed ({@code secrets}, {@code gpio}, ..., {@code park link}) and one sentence naming it and why. */
        record Failed(String stage, String reason) implements Start {
        }
    }

    private final Site site;
    private final GpioBoard gpio;
    private final GatewayAssembly.Runtime runtime;
    private final SiteBuses buses;
    private final GatewayAssembly.Devices devices;
    private final AtomicReference<ParkUplink> park;
    private final OpenedParts parts;
    private volatile int apiPort;

    Gateway(Site site, GpioBoard gpio, GatewayAssembly.Runtime runtime, SiteBuses buses, GatewayAssembly.Devices devices,
            AtomicReference<ParkUplink> park, OpenedParts parts) {
        this.site = site;
        this.gpio = gpio;
        this.runtime = runtime;
        this.buses = buses;
        this.devices = devices;
        this.park = park;
        this.parts = parts;
    }

    /** The agent's version, for the park's view of its gateways (the MQTT birth message). */
    static final String SOFTWARE = "anju-agent/" + java.util.Objects.requireNonNullElse(
            Gateway.class.getPackage().getImplementationVersion(), "0.1.0");

    /** Starts the gateway in stages (see {@link GatewayAssembly}); on the caller's thread, never an event loop's. */
    public static Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock) {
        return start(site, data, database, clock, SteadyTime.from(clock));
    }

    /** As above, with the charging rules on {@code chargingTime} (scenario tests run it faster than the wall). */
    static Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock, SteadyTime chargingTime) {
        return GatewayAssembly.start(site, data, database, clock, chargingTime, GatewayAssembly.Faults.NONE);
    }

    /** As {@link #start(Site, DataFolder, GatewayDatabase, Clock)}; the park's {@code site.apply} goes to {@code siteChanges}. */
    public static Start start(Site site, DataFolder data, GatewayDatabase database, Clock clock,
                              org.anju.agent.site.SiteChanges siteChanges) {
        return GatewayAssembly.start(site, data, database, clock, SteadyTime.from(clock), GatewayAssembly.Faults.NONE,
                siteChanges);
    }

    /** The event log, for what the agent records about the gateway itself (a deployment's outcome). */
    public org.anju.agent.event.EventLog events() {
        return runtime.events();
    }

    /** The reasons the gateway is not ready (see {@link #readiness()}); empty when it is. */
    public java.util.concurrent.CompletableFuture<List<String>> notReadyBecause() {
        return readiness().thenApply(r -> r.getJsonArray("reasons").stream().map(String::valueOf).toList());
    }

    void listening(int port) {
        this.apiPort = port;
    }

    /**
     * Ready when the event store answers, every bus's line is open and the park's broker is
     * connected; otherwise the reasons. Not ready still means the building works: doors and
     * safety rules never wait on the park, so this is for people and monitoring, not a restart.
     */
    java.util.concurrent.CompletableFuture<JsonObject> readiness() {
        return runtime.outbox().lastSequence().orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
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
        ParkUplink link = park.get();
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
        this.devices.doors().doors().forEach((id, d) -> doorPhases.put(id, d.phase().name()));
        JsonObject devices = new JsonObject();
        buses.schedulers().forEach((busId, scheduler) -> site.buses().stream().filter(b -> b.id().equals(busId))
                .flatMap(b -> b.devices().stream())
                .forEach(d -> devices.put(d.id(), scheduler.isOnline(deviceName(d)))));
        JsonObject lifts = new JsonObject();
        this.devices.lifts().lifts().forEach((id, l) -> lifts.put(id, l.fireReleased() ? "FIRE_RELEASE" : "NORMAL"));
        JsonObject gates = new JsonObject();
        this.devices.gates().gates().forEach((id, g) -> gates.put(id, g.free() ? "FIRE_FREE" : "NORMAL"));
        JsonObject inside = new JsonObject();
        this.devices.occupancy().view().forEach(v -> inside.put(v.building(), v.inside()));
        JsonObject health = new JsonObject().put("gateway", site.gateway().id()).put("doors", doorPhases)
                .put("lifts", lifts).put("gates", gates).put("inside", inside)
                .put("devices", devices).put("problems", problems());
        ParkUplink link = park.get();
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

    /** The site this gateway was assembled from. */
    public Site site() {
        return site;
    }

    public int apiPort() {
        return apiPort;
    }

    /** The CoAP endpoint's UDP port for wireless locks, if it runs. */
    public java.util.OptionalInt coapPort() {
        LockEndpoint endpoint = devices.locks();
        return endpoint == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(endpoint.port());
    }

    public Map<String, DoorRuntime> doors() {
        return devices.doors().doors();
    }

    /** Wiegand frames from the doors' readers that failed parity or length since start. */
    int doorReaderMisreads() {
        return devices.doors().misreads();
    }

    public Map<String, LiftRuntime> lifts() {
        return devices.lifts().lifts();
    }

    public Map<String, GateRuntime> gates() {
        return devices.gates().gates();
    }

    /** The local API's view of who is inside: counts, and during a fire the renters with their rooms. */
    JsonObject occupancyView() {
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        for (SiteOccupancy.View v : devices.occupancy().view()) {
            JsonObject b = new JsonObject().put("building", v.building()).put("inside", v.inside())
                    .put("unidentified", v.unidentified()).put("fire", v.fire());
            if (v.fire()) {
                io.vertx.core.json.JsonArray people = new io.vertx.core.json.JsonArray();
                v.roll().forEach(p -> people.add(new JsonObject().put("tenant", p.tenant())
                        .put("room", runtime.decider().roster().tenant(p.tenant()).map(t -> t.room()).orElse(null))
                        .put("since", p.since().toString()).put("gate", p.gate())));
                b.put("people", people);
            }
            out.add(b);
        }
        return new JsonObject().put("buildings", out);
    }

    /** Who is inside each building: the count always, the renters only during a fire. */
    public List<SiteOccupancy.View> occupancy() {
        return devices.occupancy().view();
    }

    public List<String> doorProblems() {
        return devices.doors().problems();
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
            runtime.vertx().runOnContext(v -> loop.complete(true));
            loop.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            runtime.outbox().lastSequence().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The link to the park, for status and tests; null before the gateway has started. */
    public ParkUplink park() {
        return park.get();
    }

    /** Stops like a crash would, for tests: the park link drops without its goodbye, then the rest stops. */
    public void crash() {
        ParkUplink link = park.getAndSet(null);
        if (link != null) {
            link.abort();
        }
        stop();
    }

    public Vertx vertx() {
        return runtime.vertx();
    }

    public Outbox outbox() {
        return runtime.outbox();
    }

    /**
     * Stops everything, last started first: the devices (doors to their safe state), the buses, the
     * park link with its goodbye, Vert.x and the local API, the store, GPIO last (outputs to their
     * shutdown levels). A second call does nothing.
     */
    public void stop() {
        parts.close();
    }

    /** Problems of parts that did not start while the rest runs (a pin taken, a wireless lock). */
    public List<String> problems() {
        List<String> all = new java.util.ArrayList<>(devices.doors().problems());
        all.addAll(devices.alarms().problems());
        all.addAll(devices.lifts().problems());
        all.addAll(devices.gates().problems());
        return all;
    }
}
