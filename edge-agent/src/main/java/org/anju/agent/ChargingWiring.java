package org.anju.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.bus.SiteBuses;
import org.anju.agent.charging.FireInput;
import org.anju.agent.charging.OcppStatus;
import org.anju.agent.charging.PileReading;
import org.anju.agent.charging.PortReading;
import org.anju.agent.charging.SessionRecord;
import org.anju.agent.store.ChargingAlarms;
import org.anju.agent.store.ChargingSessions;
import org.anju.agent.store.StateWrite;
import java.util.concurrent.CompletableFuture;
import org.anju.agent.door.DoorRuntime;
import org.anju.agent.event.EventLog;
import org.anju.agent.event.EventTypes;
import org.anju.agent.safety.AnomalySettings;
import org.anju.agent.safety.ChargingSafety;
import org.anju.agent.safety.PileSite;
import org.anju.agent.safety.SafetyDecision;
import org.anju.agent.safety.SafetyLimits;
import org.anju.agent.store.EventPriority;
import org.anju.firmware.pile.CutReason;
import org.anju.firmware.pile.PortState;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.ChargingPileProfile;
import org.anju.profiles.model.RelayBoardProfile;
import org.anju.profiles.model.Device;
import org.anju.profiles.model.Site;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * Puts the charging safety rules to work: every scan of a pile becomes readings for
 * {@link ChargingSafety}, and its decisions go out in the order it gives them, commands on the
 * wire first (relay cuts at command priority, heartbeats, door releases), then events into the
 * outbox. The rules run on one thread of their own, so a bus thread only hands a snapshot over.
 *
 * <p>Readings are taken from a pile's profile by register role (power, energy, relay, ...);
 * state and cut-reason codes are read with the reference pile's meaning (PortState, CutReason).
 */
final class ChargingWiring implements AutoCloseable {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    private final Site site;
    private final SiteBuses buses;
    private final Map<String, DoorRuntime> doors;
    private final EventLog events;
    private final PortTelemetry telemetry;
    private final ChargingSessions sessions;
    private final ChargingAlarms alarms;
    private final ChargingSafety safety;
    private final Map<String, ChargingPileProfile> piles = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "charging-safety");
        t.setDaemon(true);
        return t;
    });
    /** The rules must not see the clock jump. */
    private final SteadyTime time;

    ChargingWiring(Site site, SiteBuses buses, Map<String, DoorRuntime> doors, EventLog events, SteadyTime time,
                   ChargingSessions sessions, ChargingAlarms alarms) {
        this.sessions = sessions;
        this.alarms = alarms;
        this.site = site;
        this.buses = buses;
        this.doors = doors;
        this.events = events;
        this.telemetry = new PortTelemetry(events);
        this.time = time;
        List<org.anju.agent.safety.ChargingArea> areas = new ArrayList<>();
        List<PileSite> sites = new ArrayList<>();
        for (ChargingArea area : site.chargingAreas()) {
            areas.add(new org.anju.agent.safety.ChargingArea(area.id(),
                    area.onFireAlarm() == null ? List.of() : area.onFireAlarm().release()));
            for (String pileId : area.piles()) {
                Optional<Device> device = site.device(pileId);
                if (device.isPresent() && device.get().profile() instanceof ChargingPileProfile p) {
                    piles.put(pileId, p);
                    sites.add(new PileSite(pileId, p.ports(), area.id(),
                            area.feederOf(pileId).map(ChargingArea.Feeder::name).orElse(null),
                            limits(area.safetyLimits().over(p.safetyLimits())),
                            AnomalySettings.DEFAULTS));
                }
            }
        }
        this.safety = new ChargingSafety(areas, sites);
        // sessions that were open when the gateway stopped carry on from their meters
        List<SessionRecord> open = sessions.open().join();
        // and alarms still open keep their effect: an area cut for fire with manual restore stays cut
        List<org.anju.agent.safety.Alarm> openAlarms = alarms.open().join();
        thread.execute(() -> apply(safety.restore(open, openAlarms, now())));
        thread.scheduleAtFixedRate(() -> apply(safety.tick(now())), TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        thread.scheduleAtFixedRate(() -> sessions.saveProgress(safety.openSessions()), SAVE_EVERY.toMillis(),
                SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The pile profile's gateway limits with the area's stricter ones from the site file on top
     * (both already checked against the firmware's by the site validator).
     */
    private static SafetyLimits limits(org.anju.profiles.model.SafetyLimits l) {
        return SafetyLimits.DEFAULTS.withOverloadWatts(l.overloadPower())
                .withFullCharge(l.fullChargePower(), l.fullChargeTime())
                .withMaxSession(l.maxSession())
                .withTemperatures(l.temperatureWarn(), l.temperatureCut());
    }

    Instant now() {
        return time.now();
    }

    /** From a bus thread: hand the scan over to the rules' thread. */
    void onSnapshot(RegisterSnapshot snapshot) {
        ChargingPileProfile profile = piles.get(snapshot.device());
        if (profile != null) {
            Instant at = now();
            thread.execute(() -> readings(snapshot, profile, at));
        }
    }

    /** A smoke or fire-panel input of an area changed. */
    void onFireInput(String area, String input, boolean active) {
        Instant at = now();
        thread.execute(() -> apply(safety.onFireInput(new FireInput(area, input, at, active))));
    }

    private void readings(RegisterSnapshot s, ChargingPileProfile p, Instant at) {
        String pile = s.device();
        java.util.Map<Integer, Instant> sessionStarts = new java.util.HashMap<>();
        safety.openSessions().stream().filter(r -> r.pileId().equals(pile))
                .forEach(r -> sessionStarts.put(r.port(), r.startedAt()));
        double temperature = pileValue(s, p, "temperature").orElse(Double.NaN);
        if (!Double.isNaN(temperature)) {
            boolean smoke = pileValue(s, p, "smoke").map(v -> v != 0).orElse(false);
            int alarms = pileValue(s, p, "alarms").map(Double::intValue).orElse(0);
            apply(safety.onPileReading(new PileReading(pile, at, temperature, smoke, alarms)));
        }
        for (int port = 1; port <= p.ports(); port++) {
            Optional<Double> watts = portValue(s, p, "power", port);
            Optional<Double> energy = portValue(s, p, "energy", port);
            if (watts.isEmpty() || energy.isEmpty()) {
                continue; // this scan did not cover the port
            }
            OcppStatus state = portValue(s, p, "state", port).map(v -> {
                try {
                    return OcppStatus.ofPile(PortState.ofCode(v.intValue()));
                } catch (IllegalArgumentException unknown) {
                    return OcppStatus.FAULTED;
                }
            }).orElse(OcppStatus.AVAILABLE);
            CutReason cut = portValue(s, p, "cutReason", port).map(v -> {
                try {
                    return CutReason.ofCode(v.intValue());
                } catch (IllegalArgumentException unknown) {
                    return CutReason.NONE;
                }
            }).orElse(CutReason.NONE);
            long counter = (long) Math.floor(energy.get()) & 0xFFFFFFFFL;
            PortReading reading = new PortReading(pile, port, at, state,
                    Math.max(0, portValue(s, p, "voltage", port).orElse(0.0)),
                    Math.max(0, portValue(s, p, "current", port).orElse(0.0)), Math.max(0, watts.get()), counter,
                    portValue(s, p, "relay", port).map(v -> v != 0).orElse(false),
                    portValue(s, p, "plugged", port).map(v -> v != 0).orElse(true), cut);
            apply(safety.onPortReading(reading));
            telemetry.offer(reading, sessionStarts.get(port), temperature);
        }
    }

    private static Optional<Double> pileValue(RegisterSnapshot s, ChargingPileProfile p, String role) {
        return Optional.ofNullable(p.pileRegisters().get(role)).flatMap(s::value);
    }

    private static Optional<Double> portValue(RegisterSnapshot s, ChargingPileProfile p, String role, int port) {
        return p.portRegister(role, port).flatMap(s::value);
    }

    /** Commands first, in order; then events. Runs on the rules' thread. */
    private void apply(List<SafetyDecision> decisions) {
        for (SafetyDecision d : decisions) {
            if (d instanceof SafetyDecision.Command) {
                execute(d);
            }
        }
        for (SafetyDecision d : decisions) {
            if (!(d instanceof SafetyDecision.Command)) {
                events.record(priority(d), EventTypes.of("charging", d), d, recordOf(d));
            }
        }
    }

    /** What of the gateway's own records the decision changes, committed with its event. */
    private static StateWrite recordOf(SafetyDecision d) {
        if (d instanceof SafetyDecision.SessionStarted started) {
            return ChargingSessions.recording(started.session());
        } else if (d instanceof SafetyDecision.SessionEnded ended) {
            return ChargingSessions.recording(ended.session());
        } else if (d instanceof SafetyDecision.RaiseAlarm raised) {
            return ChargingAlarms.recording(raised.alarm());
        } else if (d instanceof SafetyDecision.AlarmAcknowledged acknowledged) {
            return ChargingAlarms.recording(acknowledged.alarm());
        } else if (d instanceof SafetyDecision.ClearAlarm cleared) {
            return ChargingAlarms.recording(cleared.alarm());
        }
        return StateWrite.NONE;
    }

    private void execute(SafetyDecision d) {
        if (d instanceof SafetyDecision.CutPort cut) {
            relay(cut.pileId(), cut.port(), false);
        } else if (d instanceof SafetyDecision.ClosePort close) {
            relay(close.pileId(), close.port(), true);
        } else if (d instanceof SafetyDecision.CutArea area) {
            for (String pile : area.piles()) {
                ChargingPileProfile p = piles.get(pile);
                for (int port = 1; p != null && port <= p.ports(); port++) {
                    relay(pile, port, false);
                }
            }
        } else if (d instanceof SafetyDecision.ReleaseDoors release) {
            release.doors().stream().map(doors::get).filter(java.util.Objects::nonNull)
                    .forEach(door -> door.fireAlarm(true));
        } else if (d instanceof SafetyDecision.WriteHeartbeat hb) {
            write(hb.pileId(), Optional.ofNullable(piles.get(hb.pileId())).map(p -> p.pileRegisters().get("heartbeat")),
                    hb.value());
        } else if (d instanceof SafetyDecision.EscalateFeederCut feeder) {
            cutFeeder(feeder.pileId());
        }
        // VerifyCut: the next scans read the port back; the rules judge them against the deadline
    }

    private void relay(String pileId, int port, boolean on) {
        ChargingPileProfile p = piles.get(pileId);
        Optional<RegisterSpec> coil = p == null ? Optional.empty() : p.portRegister("relay", port);
        var client = buses.modbusDevices().get(pileId);
        if (coil.isEmpty() || client == null) {
            return;
        }
        client.client().command(site.device(pileId).orElseThrow().address(),
                new ModbusPdu.WriteSingleCoil(coil.get().address(), on));
    }

    /** A port relay would not open: switch off the relay-board channel that feeds the whole pile. */
    private void cutFeeder(String pileId) {
        Optional<ChargingArea.Feeder> feeder = site.chargingAreas().stream().flatMap(a -> a.feederOf(pileId).stream())
                .findFirst();
        Optional<Device> board = feeder.flatMap(f -> site.device(f.relay()));
        var client = board.map(b -> buses.modbusDevices().get(b.id())).orElse(null);
        if (feeder.isEmpty() || client == null || !(board.get().profile() instanceof RelayBoardProfile relays)) {
            return; // validated away: a feeder names a relay board of this site
        }
        client.client().command(board.get().address(),
                new ModbusPdu.WriteSingleCoil(relays.relayOf(feeder.get().channel()).address(), false));
    }

    private void write(String pileId, Optional<RegisterSpec> register, int value) {
        var client = buses.modbusDevices().get(pileId);
        if (register.isEmpty() || client == null) {
            return;
        }
        client.client().command(site.device(pileId).orElseThrow().address(),
                new ModbusPdu.WriteSingleRegister(register.get().address(), value & 0xFFFF));
    }

    private static EventPriority priority(SafetyDecision d) {
        if (d instanceof SafetyDecision.RaiseAlarm || d instanceof SafetyDecision.AlarmAcknowledged
                || d instanceof SafetyDecision.ClearAlarm) {
            return EventPriority.ALARM;
        }
        if (d instanceof SafetyDecision.StartRefused) {
            return EventPriority.ACCESS;
        }
        return EventPriority.STATE;
    }

    /** A person starts or stops a charge, or acknowledges an alarm; the answer names what was decided. */
    CompletableFuture<String> request(String kind, String pile, int port, String alarm, String who) {
        return CompletableFuture.supplyAsync(() -> {
            Instant at = now();
            List<SafetyDecision> decisions = switch (kind) {
                case "charge.start" -> safety.requestStart(pile, port, who, at);
                case "charge.stop" -> safety.requestStop(pile, port, who, at);
                default -> safety.acknowledge(alarm, who, at);
            };
            apply(decisions);
            return decisions.stream().filter(d -> d instanceof SafetyDecision.StartRefused).findFirst()
                    .map(d -> ((SafetyDecision.StartRefused) d).reason()).orElse(null);
        }, thread);
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (thread.awaitTermination(5, TimeUnit.SECONDS)) {
                sessions.saveProgress(safety.openSessions()).join(); // the rules' thread is done: safe to read them here
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
