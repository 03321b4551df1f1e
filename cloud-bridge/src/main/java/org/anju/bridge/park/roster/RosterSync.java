package org.anju.bridge.park.roster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.PeopleStore;

/**
 * Keeps each building's gateway on the building's roster: after a lease changes, and when a
 * gateway comes online holding an older version, it is sent the changes since the version it
 * holds (a delta), or the whole roster when that is unknown or the gateway reports a gap. The
 * gateway's reply carries the version it then holds, which the store records; so the landlord
 * sees when each gateway has applied an ended lease. One sync per building at a time.
 */
public final class RosterSync {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Where a building's gateway stands after a sync. */
    public record Applied(String building, String gateway, long version, boolean applied, String detail) {
    }

    private final ParkConfig config;
    private final PeopleStore people;
    private final IngestStore gateways;
    private final CommandSender sender;
    private final Map<String, CompletableFuture<Applied>> running = new ConcurrentHashMap<>();

    public RosterSync(ParkConfig config, PeopleStore people, IngestStore gateways, CommandSender sender) {
        this.config = config;
        this.people = people;
        this.gateways = gateways;
        this.sender = sender;
    }

    /** Brings the building's gateway to the building's current roster; one at a time per building. */
    public CompletableFuture<Applied> sync(String building) {
        synchronized (running) {
            CompletableFuture<Applied> previous = running.getOrDefault(building, CompletableFuture.completedFuture(null));
            CompletableFuture<Applied> next = previous.handle((r, e) -> null).thenCompose(x -> syncNow(building));
            running.put(building, next);
            return next;
        }
    }

    /** A gateway came online: if it holds an older roster than its building's, catch it up. */
    public void onBirth(String gateway, long held) {
        config.buildingOfGateway(gateway).ifPresent(b -> people.changesSince(b.id(), held).thenAccept(changes -> {
            if (changes.version() != held) {
                sync(b.id());
            }
        }));
    }

    private CompletableFuture<Applied> syncNow(String buildingId) {
        ParkConfig.Building building = config.building(buildingId).orElseThrow();
        return held(building.gateway()).thenCompose(held -> people.changesSince(buildingId, held).thenCompose(changes -> {
            if (changes.version() == held) {
                return CompletableFuture.completedFuture(new Applied(buildingId, building.gateway(), held, true, "up to date"));
            }
            if (!changes.complete() || held > changes.version()) {
                return snapshot(building);
            }
            return tenants(building, changes.tenants()).thenCompose(split -> send(building,
                    new CommandBody.RosterDelta(held, changes.version(), split.upserts, split.removals), changes.version()));
        }));
    }

    private CompletableFuture<Applied> snapshot(ParkConfig.Building building) {
        return people.changesSince(building.id(), 0).thenCompose(all -> people.leasesOfBuilding(building.id())
                .thenCompose(leases -> {
                    List<String> tenants = leases.stream().map(PeopleStore.Lease::tenant).distinct().toList();
                    return tenants(building, tenants).thenCompose(split -> send(building,
                            new CommandBody.RosterSnapshot(Math.max(1, all.version()), split.upserts), all.version()));
                }));
    }

    private CompletableFuture<Applied> send(ParkConfig.Building building, CommandBody body, long version) {
        return sender.send(building.gateway(), body, DEADLINE).thenCompose(outcome -> {
            if (outcome instanceof CommandSender.Outcome.Replied replied) {
                var reply = replied.reply();
                if (reply.result() == ReplyResult.OK) {
                    return gateways.rosterApplied(building.gateway(), version)
                            .thenApply(x -> new Applied(building.id(), building.gateway(), version, true, "applied"));
                }
                if (reply.result() == ReplyResult.ROSTER_GAP && !(body instanceof CommandBody.RosterSnapshot)) {
                    long held = reply.rosterVersion() == null ? 0 : reply.rosterVersion();
                    return gateways.rosterApplied(building.gateway(), held).thenCompose(x -> snapshot(building));
                }
                return CompletableFuture.completedFuture(new Applied(building.id(), building.gateway(), version, false,
                        reply.result() + (reply.detail() == null ? "" : ": " + reply.detail())));
            }
            String why = outcome instanceof CommandSender.Outcome.NoReply ? "gateway offline: it gets the change when it is back"
                    : ((CommandSender.Outcome.NotSent) outcome).reason();
            return CompletableFuture.completedFuture(new Applied(building.id(), building.gateway(), version, false, why));
        });
    }

    private CompletableFuture<Long> held(String gateway) {
        return gateways.gateways().thenApply(all -> all.stream().filter(g -> g.id().equals(gateway))
                .mapToLong(IngestStore.GatewayView::rosterVersion).findFirst().orElse(0));
    }

    private record Split(List<CommandBody.RosterTenant> upserts, List<String> removals) {
    }

    /** The tenants' records as the gateway holds them: those with a running lease, and the rest to remove. */
    private CompletableFuture<Split> tenants(ParkConfig.Building building, List<String> tenantIds) {
        List<CompletableFuture<List<PeopleStore.Lease>>> all = new ArrayList<>();
        for (String t : tenantIds) {
            all.add(people.leasesOfTenant(t));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<CommandBody.RosterTenant> upserts = new ArrayList<>();
            List<String> removals = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 0; i < tenantIds.size(); i++) {
                PeopleStore.Lease lease = all.get(i).join().stream()
                        .filter(l -> l.building().equals(building.id()) && l.endedAt() == null && l.validUntil() > now)
                        .reduce((a, b) -> b).orElse(null);
                if (lease == null) {
                    removals.add(tenantIds.get(i));
                } else {
                    upserts.add(toRoster(building, lease));
                }
            }
            return new Split(upserts, removals);
        });
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
