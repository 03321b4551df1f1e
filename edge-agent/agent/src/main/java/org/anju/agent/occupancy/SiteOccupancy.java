package org.anju.agent.occupancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.OccupancyStore;
import org.anju.agent.store.StateWrite;
import org.anju.bridge.events.GatePassage;
import org.anju.bridge.events.OccupancyRoll;
import org.anju.profiles.model.Gate;
import org.anju.profiles.model.OccupancySettings;
import org.anju.profiles.model.Site;

import io.vertx.core.Vertx;

/**
 * The building's count of who is inside, kept by the gateway: every passage a gate counts moves
 * it, and is recorded ({@code gate.passage}, with the count) together with the state on disk, so
 * the count survives restarts. The list of renters inside stays here; it travels to the park
 * ({@code occupancy.roll}) only while a fire alarm is on, for the fire officer, and the park is
 * told to forget it when the alarm ends. Once a day at the site's hour the count is reconciled.
 * Gates on their own contexts call in; the methods are synchronized.
 */
public final class SiteOccupancy implements AutoCloseable {
    /** How often a roll is sent again during a fire while people keep moving. */
    static final Duration ROLL_EVERY = Duration.ofSeconds(10);
    private static final long TICK_MS = 2_000;

    /** The answer to an officer's reset of a card's anti-passback. */
    public record PassbackReset(String tenant, String building, String by, int inside) {
    }

    /** The record of a daily reconciliation: the count before and after, how many renters were counted out. */
    public record Reconciled(String building, int before, int after, String mode, int countedOut) {
    }

    /** What the local API shows: the count always, the renters only during a fire. */
    public record View(String building, int inside, int unidentified, boolean fire, List<Occupancy.Person> roll) {
    }

    private final Occupancy model = new Occupancy();
    private final Site site;
    private final EventLog events;
    private final OccupancyStore store;
    private final Clock clock;
    private final Set<String> buildings = new LinkedHashSet<>();
    private final Map<String, int[]> counters = new HashMap<>();
    private final Map<String, Instant> reconciled = new HashMap<>();
    private final Set<String> activeFires = new TreeSet<>();
    private final Set<String> rollDue = new HashSet<>();
    private final Map<String, Instant> rolledAt = new HashMap<>();
    private long timer = -1;
    private Vertx vertx;

    private SiteOccupancy(Site site, EventLog events, OccupancyStore store, Clock clock) {
        this.site = site;
        this.events = events;
        this.store = store;
        this.clock = clock;
        site.gates().stream().map(Gate::building).forEach(buildings::add);
    }

    /** Loads the counts from disk (blocking: at start, off the event loops) and starts the daily reconciliation. */
    public static SiteOccupancy start(Vertx vertx, Site site, OccupancyStore store, EventLog events, Clock clock) {
        SiteOccupancy o = new SiteOccupancy(site, events, store, clock);
        OccupancyStore.Loaded loaded = store.load().join();
        Map<String, List<Occupancy.Person>> people = new HashMap<>();
        loaded.people().forEach(p -> people.computeIfAbsent(p.building(), b -> new ArrayList<>())
                .add(new Occupancy.Person(p.tenant(), p.since(), p.gate())));
        Set<String> known = new HashSet<>(people.keySet());
        known.addAll(loaded.buildings().keySet());
        for (String b : known) {
            OccupancyStore.BuildingRow row = loaded.buildings().get(b);
            o.model.restore(b, people.getOrDefault(b, List.of()), row == null ? 0 : row.anonymous());
        }
        o.counters.putAll(loaded.counters());
        Instant now = clock.instant();
        for (String b : o.buildings) {
            OccupancyStore.BuildingRow row = loaded.buildings().get(b);
            if (row == null || row.reconciled() == null) {
                store.startCounting(b, now).join();
                o.reconciled.put(b, now);
            } else {
                o.reconciled.put(b, row.reconciled());
            }
        }
        if (!o.buildings.isEmpty()) {
            o.vertx = vertx;
            o.timer = vertx.setPeriodic(TICK_MS, id -> o.tick());
        }
        return o;
    }

    /** The counters up to which a gate's passages are recorded; empty before its first. */
    public synchronized Optional<int[]> counters(String gate) {
        return Optional.ofNullable(counters.get(gate)).map(int[]::clone);
    }

    public synchronized boolean isInside(String building, String tenant) {
        return model.isInside(building, tenant);
    }

    public synchronized int count(String building) {
        return model.count(building);
    }

    /**
     * One person counted through {@code gate}: the count moves and the passage is recorded with it,
     * the counters it accounts for committed in the same transaction.
     */
    public synchronized void passage(String gate, String building, Occupancy.Direction direction, Optional<String> tenant,
                                     String how, int entries, int exits) {
        Instant now = clock.instant();
        Occupancy.Change change = model.passage(building, direction, tenant, gate, now);
        counters.put(gate, new int[] {entries, exits});
        StateWrite state = tenant.isPresent()
                ? OccupancyStore.person(building, tenant.get(), change.now().map(Occupancy.Person::since).orElse(null), gate,
                        change.anonymous())
                : OccupancyStore.anonymous(building, change.anonymous());
        events.record(Priority.ACCESS, GatePassage.TYPE, new GatePassage(gate, building,
                direction == Occupancy.Direction.IN ? "in" : "out", how, tenant.orElse(null), change.inside()),
                OccupancyStore.both(state, OccupancyStore.counters(gate, entries, exits)));
        if (!activeFires.isEmpty()) {
            rollDue.add(building);
        }
    }

    /** An officer resets a card: the renter is counted out wherever they were in. Empty if done, else why not. */
    public synchronized Optional<String> reset(String tenant, String by) {
        List<String> in = model.buildingsOf(tenant);
        if (in.isEmpty()) {
            return Optional.of("tenant " + tenant + " is not counted inside any building of this gateway; nothing to reset");
        }
        for (String b : in) {
            Occupancy.Change change = model.reset(b, tenant).orElseThrow();
            events.record(Priority.STATE, "gate.passback_reset", new PassbackReset(tenant, b, by, change.inside()),
                    OccupancyStore.person(b, tenant, null, "", change.anonymous()));
            if (!activeFires.isEmpty()) {
                rollDue.add(b);
            }
        }
        return Optional.empty();
    }

    /** A fire input of the site changed: the roll goes to the park while any is active. */
    public synchronized void fire(String input, boolean active) {
        boolean was = !activeFires.isEmpty();
        if (active) {
            activeFires.add(input);
        } else {
            activeFires.remove(input);
        }
        boolean is = !activeFires.isEmpty();
        if (is && !was) {
            buildings.forEach(this::roll);
        } else if (!is && was) {
            rollDue.clear();
            for (String b : buildings) {
                events.record(Priority.ALARM, OccupancyRoll.TYPE,
                        new OccupancyRoll(b, false, model.count(b), model.unidentified(b), List.of()));
            }
        }
    }

    /** The rolls that changed, at most every {@link #ROLL_EVERY}; the reconciliation when its hour comes. */
    synchronized void tick() {
        Instant now = clock.instant();
        for (String b : List.copyOf(rollDue)) {
            Instant last = rolledAt.getOrDefault(b, Instant.EPOCH);
            if (!now.isBefore(last.plus(ROLL_EVERY))) {
                roll(b);
            }
        }
        OccupancySettings settings = site.occupancy();
        for (String b : buildings) {
            var due = ReconcileSchedule.due(reconciled.get(b), now, site.gateway().timeZone(), settings.reconcileAt());
            if (due.isPresent()) {
                Occupancy.Reconciled r = model.reconcile(b, settings.reconcileTo());
                reconciled.put(b, now);
                events.record(Priority.STATE, "occupancy.reconciled", new Reconciled(b, r.before(), r.after(),
                        settings.reconcileTo().name().toLowerCase(java.util.Locale.ROOT), r.countedOut().size()),
                        OccupancyStore.reconciled(b, r.countedOut(), now));
            }
        }
    }

    private void roll(String building) {
        rollDue.remove(building);
        rolledAt.put(building, clock.instant());
        List<OccupancyRoll.Person> people = model.roll(building).stream()
                .map(p -> new OccupancyRoll.Person(p.tenant(), p.since().toEpochMilli())).toList();
        events.record(Priority.ALARM, OccupancyRoll.TYPE, new OccupancyRoll(building, true, model.count(building),
                model.unidentified(building), people));
    }

    /** Each building's count; the renters inside only while a fire alarm is on. */
    public synchronized List<View> view() {
        boolean fire = !activeFires.isEmpty();
        return buildings.stream().map(b -> new View(b, model.count(b), model.unidentified(b), fire,
                fire ? model.roll(b) : List.of())).toList();
    }

    @Override
    public synchronized void close() {
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
