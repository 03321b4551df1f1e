package org.anju.bridge.park.roster;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.GuestPassStore;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.RosterStates;

/**
 * Drives every building's gateway to the building's roster: a state to reach, not a message sent
 * once. For each gateway the park knows the version it wants held (the building's) and the version
 * the gateway confirmed; while they differ it sends the changes since the confirmed version (a
 * delta), or the whole roster when those are not all known or the gateway reports a gap, and
 * records what came back. A failed attempt (the gateway's reason, no answer, the park's broker
 * away) is retried with back-off, 1 s doubling to 8 s, by a timer that looks at every building
 * each second, so a difference is never left for the next change to carry. A lease change and a
 * gateway's birth try at once. A gateway the park knows to be offline is not sent to: its birth
 * brings it back.
 *
 * <p>On a reconnect the roster goes first: {@link #beforeCommand} holds any other command for a
 * gateway until its roster attempt after the birth is over, so a lease ended while the gateway was
 * away is applied before it opens a door for anyone. One attempt per building at a time.
 */
public final class RosterSync implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RosterSync.class.getName());
    /** How long a roster command waits for the gateway's reply. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(8);
    private static final Duration TICK = Duration.ofSeconds(1);
    /** Sends in one attempt (a gap answered by a snapshot, a change made meanwhile): then the timer carries on. */
    private static final int SENDS_PER_ATTEMPT = 3;

    /** What an attempt ended with, for the one who asked for it. */
    public record Attempt(String building, String gateway, RosterStates.Sync sync, String detail) {
    }

    private final BuildingDirectory buildings;
    private final PeopleStore people;
    private final RosterStates states;
    private final CommandSender sender;
    /** Tenants' guest passes, records of their building's roster too; null: a park without them (route-only tests). */
    private final GuestPassStore guests;
    private final Map<String, Driver> drivers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "roster-sync");
        t.setDaemon(true);
        return t;
    });

    public RosterSync(BuildingDirectory buildings, PeopleStore people, RosterStates states, CommandSender sender) {
        this(buildings, people, states, sender, null);
    }

    public RosterSync(BuildingDirectory buildings, PeopleStore people, RosterStates states, CommandSender sender, GuestPassStore guests) {
        this.buildings = buildings;
        // a building deleted, or given another gateway: its driver goes, and a new one drives the gateway it has now
        buildings.onChange(() -> drivers.entrySet().removeIf(d -> buildings.building(d.getKey())
                .map(b -> !b.gateway().equals(d.getValue().gateway)).orElse(true)));
        this.people = people;
        this.states = states;
        this.sender = sender;
        this.guests = guests;
    }

    /** The store of guest passes the rosters carry, if this park has one. */
    public java.util.Optional<GuestPassStore> guests() {
        return java.util.Optional.ofNullable(guests);
    }

    /** Starts the timer that retries every difference. */
    public void start() {
        timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A lease of the building changed: try now (whatever the back-off); completes when this attempt is over. */
    public CompletableFuture<Attempt> sync(String building) {
        if (buildings.building(building).isEmpty()) { // deleted meanwhile: no gateway to bring in line
            return CompletableFuture.completedFuture(new Attempt(building, "", RosterStates.Sync.FAILING, "no such building"));
        }
        return driver(building).attempt(true);
    }

    /**
     * A gateway came online holding {@code held} (already in the store, from its birth): try at once,
     * before any other command goes to it.
     */
    public void onBirth(String gateway, long held) {
        buildings.buildingOfGateway(gateway).ifPresent(b -> driver(b.id()).born());
    }

    /**
     * Completes when another command may go to {@code gateway}: at once when its roster is
     * confirmed, or it is failing and waiting for its next try; otherwise after the attempt that
     * is running or due (for a gateway the park knows offline, the one its birth starts).
     */
    public CompletableFuture<Void> beforeCommand(String gateway) {
        var building = buildings.buildingOfGateway(gateway);
        if (building.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Driver d = driver(building.get().id());
        CompletableFuture<Void> born = d.nextBirth();
        return states.of(d.building, gateway).thenCompose(g -> {
            if (g.inSync()) {
                return CompletableFuture.completedFuture(null);
            }
            if (!g.online()) {
                return born.thenCompose(x -> d.running());
            }
            return d.attempt(false).thenApply(a -> null);
        });
    }

    /** Every building's gateway against its roster, for the admin's and officer's views. */
    public CompletableFuture<List<RosterStates.GatewayRoster>> gateways() {
        return states.of(gatewayOfBuilding());
    }

    /** The state of each lease of {@code building} at its gateway, by lease id. */
    public CompletableFuture<Map<String, RosterStates.LeaseAtGateway>> leases(String building) {
        return buildings.building(building).map(b -> states.leases(building, b.gateway()))
                .orElse(CompletableFuture.completedFuture(Map.of()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private Map<String, String> gatewayOfBuilding() {
        Map<String, String> out = new LinkedHashMap<>();
        buildings.all().forEach(b -> out.put(b.id(), b.gateway()));
        return out;
    }

    private Driver driver(String building) {
        return drivers.computeIfAbsent(building, Driver::new);
    }

    /** Looks at every building; starts the attempts that are due. Never throws: the timer must go on. */
    private void tick() {
        try {
            states.of(gatewayOfBuilding()).thenAccept(all -> {
                for (RosterStates.GatewayRoster g : all) {
                    if (!g.inSync() && g.online()) {
                        driver(g.building()).attemptIfDue();
                    }
                }
            }).exceptionally(e -> {
                LOG.log(Level.WARNING, "roster sync: cannot read the gateways'' rosters: {0}", e.getMessage());
                return null;
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "roster sync: a pass over the buildings failed: {0}", e.toString());
        }
    }

    /** One building's gateway: its attempts in order, its back-off, and who waits for its next birth. */
    private final class Driver {
        private final String building;
        private final String gateway;
        private CompletableFuture<Attempt> last = CompletableFuture.completedFuture(null);
        private int queued;
        private int failures;
        private long nextTryNanos;
        private CompletableFuture<Void> birth = new CompletableFuture<>();

        Driver(String building) {
            this.building = building;
            this.gateway = buildings.building(building).orElseThrow().gateway();
        }

        /** The attempt running or the last one, over or not. */
        synchronized CompletableFuture<Void> running() {
            return last.handle((a, e) -> null);
        }

        synchronized CompletableFuture<Void> nextBirth() {
            return birth;
        }

        void born() {
            CompletableFuture<Void> waiting;
            synchronized (this) {
                failures = 0;
                nextTryNanos = 0;
                waiting = birth;
                birth = new CompletableFuture<>();
            }
            attempt(true);
            waiting.complete(null); // after the attempt is queued: whoever waited now waits for it
        }

        void attemptIfDue() {
            synchronized (this) {
                if (queued > 0 || System.nanoTime() < nextTryNanos) {
                    return;
                }
            }
            attempt(true);
        }

        /**
         * The next attempt, queued behind the one running. Without {@code force}, one running is
         * joined and none is started while the back-off lasts (commands must not hammer a failing gateway).
         */
        CompletableFuture<Attempt> attempt(boolean force) {
            synchronized (this) {
                if (!force && (queued > 0 || System.nanoTime() < nextTryNanos)) {
                    return queued > 0 ? last : CompletableFuture.completedFuture(null);
                }
                queued++;
                last = last.handle((a, e) -> null).thenCompose(x -> once(SENDS_PER_ATTEMPT, false))
                        .exceptionally(e -> new Attempt(building, gateway, RosterStates.Sync.FAILING,
                                "the park store failed: " + cause(e).getMessage()))
                        .thenApply(this::finished);
                return last;
            }
        }

        /** Counts the attempt out and sets the back-off: 1 s doubling to 8 s after each failure in a row. */
        private synchronized Attempt finished(Attempt a) {
            queued--;
            if (a.sync() == RosterStates.Sync.FAILING) {
                long delay = Math.min(LAST_RETRY.toNanos(), FIRST_RETRY.toNanos() << Math.min(failures, 10));
                failures++;
                nextTryNanos = System.nanoTime() + delay;
            } else {
                failures = 0;
                nextTryNanos = 0;
            }
            return a;
        }

        /** One look and, if needed, one send; {@code confirmed}: the gateway's version was just recorded from its reply. */
        private CompletableFuture<Attempt> once(int sendsLeft, boolean confirmed) {
            return states.of(building, gateway).thenCompose(g -> {
                if (g.inSync()) {
                    // a birth may have said a version whose changes are not stamped applied yet; a reply stamped them
                    CompletableFuture<Void> stamped = confirmed ? CompletableFuture.completedFuture(null)
                            : states.confirmed(building, gateway, g.confirmed());
                    return stamped.thenCompose(x -> g.sync() == RosterStates.Sync.IN_SYNC
                            ? CompletableFuture.completedFuture(new Attempt(building, gateway, RosterStates.Sync.IN_SYNC, "applied"))
                            : record(RosterStates.Sync.IN_SYNC, "applied"));
                }
                if (!g.online()) {
                    return record(RosterStates.Sync.PENDING, "gateway offline: it gets the change when it is back");
                }
                if (sendsLeft == 0) {
                    return record(RosterStates.Sync.PENDING, "still catching up with changes made meanwhile");
                }
                return people.changesSince(building, g.confirmed()).thenCompose(changes -> changes.complete()
                        && g.confirmed() <= changes.version() ? delta(g.confirmed(), changes) : snapshot())
                        .thenCompose(sent -> answered(sent, sendsLeft));
            });
        }

        private record Sent(CommandBody body, long version, CommandSender.Outcome outcome) {
        }

        private CompletableFuture<Sent> delta(long held, PeopleStore.Changes changes) {
            return records(changes.tenants()).thenCompose(split -> send(
                    new CommandBody.RosterDelta(held, changes.version(), split.upserts, split.removals), changes.version()));
        }

        private CompletableFuture<Sent> snapshot() {
            CompletableFuture<List<GuestPassStore.Pass>> passes = guests == null
                    ? CompletableFuture.completedFuture(List.of()) : guests.ofBuilding(building);
            return people.changesSince(building, 0).thenCompose(all -> people.leasesOfBuilding(building)
                    .thenCombine(passes, (leases, guestPasses) -> java.util.stream.Stream.concat(
                            leases.stream().map(PeopleStore.Lease::tenant), guestPasses.stream()
                                    .filter(p -> p.liveAt(System.currentTimeMillis())).map(GuestPassStore.Pass::id))
                            .distinct().toList())
                    .thenCompose(ids -> records(ids)
                            .thenCompose(split -> send(new CommandBody.RosterSnapshot(Math.max(1, all.version()),
                                    split.upserts), Math.max(1, all.version())))));
        }

        private CompletableFuture<Sent> send(CommandBody body, long version) {
            return sender.send(gateway, body, DEADLINE).thenApply(o -> new Sent(body, version, o));
        }

        private CompletableFuture<Attempt> answered(Sent sent, int sendsLeft) {
            if (sent.outcome() instanceof CommandSender.Outcome.Replied replied) {
                var reply = replied.reply();
                if (reply.result() == ReplyResult.OK) {
                    return states.confirmed(building, gateway, sent.version()).thenCompose(x -> once(sendsLeft - 1, true));
                }
                if (reply.result() == ReplyResult.ROSTER_GAP && reply.rosterVersion() != null) {
                    // it holds the version sent already (an earlier reply was lost): done; else the whole roster
                    long held = reply.rosterVersion();
                    return states.confirmed(building, gateway, held).thenCompose(x -> held == sent.version()
                            ? once(sendsLeft - 1, true)
                            : sent.body() instanceof CommandBody.RosterSnapshot
                                    ? failing("ROSTER_GAP to a snapshot: " + reply.detail())
                                    : snapshot().thenCompose(s -> answered(s, sendsLeft - 1)));
                }
                return failing(reply.result() + (reply.detail() == null ? "" : ": " + reply.detail()));
            }
            return failing(sent.outcome() instanceof CommandSender.Outcome.NoReply
                    ? "no answer from the gateway within " + DEADLINE.toSeconds() + " s"
                    : "not sent: " + ((CommandSender.Outcome.NotSent) sent.outcome()).reason());
        }

        private CompletableFuture<Attempt> failing(String detail) {
            LOG.log(Level.INFO, "roster of building {0} not applied at {1}: {2}; retrying", building, gateway, detail);
            return record(RosterStates.Sync.FAILING, detail);
        }

        private CompletableFuture<Attempt> record(RosterStates.Sync sync, String detail) {
            return states.attempted(gateway, sync, detail).thenApply(x -> new Attempt(building, gateway, sync, detail));
        }

        private record Split(List<CommandBody.RosterTenant> upserts, List<String> removals) {
        }

        /**
         * The tenants' records as the gateway should hold them: those with a running lease, guest
         * passes live whose tenant's lease runs, and the rest to remove.
         */
        private CompletableFuture<Split> records(List<String> tenantIds) {
            ParkConfig.Building b = buildings.building(building).orElseThrow();
            List<CompletableFuture<List<PeopleStore.Lease>>> all = new ArrayList<>();
            Map<String, CompletableFuture<java.util.Optional<GuestPassStore.Pass>>> passes = new LinkedHashMap<>();
            for (String t : tenantIds) {
                if (guests != null && GuestPassStore.isGuest(t)) {
                    passes.put(t, guests.byId(t).thenCompose(p -> p.isEmpty() ? CompletableFuture.completedFuture(p)
                            : people.leasesOfTenant(p.get().tenant()).thenApply(leases -> p.filter(pass -> leases.stream()
                                    .anyMatch(l -> l.building().equals(building) && l.endedAt() == null
                                            && l.validUntil() > System.currentTimeMillis())))));
                }
                all.add(people.leasesOfTenant(t));
            }
            all.addAll(passes.values().stream().map(f -> f.thenApply(p -> List.<PeopleStore.Lease>of())).toList());
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
                List<CommandBody.RosterTenant> upserts = new ArrayList<>();
                List<String> removals = new ArrayList<>();
                long now = System.currentTimeMillis();
                for (int i = 0; i < tenantIds.size(); i++) {
                    if (passes.containsKey(tenantIds.get(i))) {
                        java.util.Optional<GuestPassStore.Pass> pass = passes.get(tenantIds.get(i)).join()
                                .filter(p -> p.liveAt(now));
                        if (pass.isPresent()) {
                            upserts.add(toRoster(b, pass.get()));
                        } else {
                            removals.add(tenantIds.get(i));
                        }
                        continue;
                    }
                    PeopleStore.Lease lease = all.get(i).join().stream()
                            .filter(l -> l.building().equals(building) && l.endedAt() == null && l.validUntil() > now)
                            .reduce((x, y) -> y).orElse(null);
                    if (lease == null) {
                        removals.add(tenantIds.get(i));
                    } else {
                        upserts.add(toRoster(b, lease));
                    }
                }
                return new Split(upserts, removals);
            });
        }
    }

    private static Throwable cause(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A guest pass: its code at the building's entrances, in its window, for its number of opens, as its tenant's guest. */
    static CommandBody.RosterTenant toRoster(ParkConfig.Building building, GuestPassStore.Pass pass) {
        List<String> doors = building.doors().stream().filter(ParkConfig.Door::entrance).map(ParkConfig.Door::id).toList();
        return new CommandBody.RosterTenant(pass.id(), pass.label(), pass.room(), pass.validFrom(), pass.validUntil(),
                List.of(new CommandBody.RosterCredential("pin", pass.code())), doors, pass.tenant(), pass.maxUses());
    }

    /** The building's entrances (doors without a room) and the lease's own room door. */
    static CommandBody.RosterTenant toRoster(ParkConfig.Building building, PeopleStore.Lease lease) {
        List<String> doors = building.doors().stream()
                .filter(d -> d.room().isEmpty() || d.room().get().equals(lease.room()))
                .map(ParkConfig.Door::id).toList();
        List<CommandBody.RosterCredential> cards = lease.cards().stream()
                .map(c -> new CommandBody.RosterCredential("card", c)).toList();
        return new CommandBody.RosterTenant(lease.tenant(), lease.displayName(), lease.room(), lease.validFrom(),
                lease.validUntil(), cards, doors);
    }
}
