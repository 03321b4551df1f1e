package org.anju.bridge.park.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.bridge.contract.GatewayStatus;
import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.FleetStore;
import org.anju.bridge.park.store.RosterStates;

/**
 * Each building's gateway as the park knows it, and what is wrong with it, each problem with its
 * reason and since when: offline (or never seen), its status stale (no newer one within 2.5 of its
 * periods; none at all is stale too: silence is never healthy), a backlog in its outbox, a bus
 * down, a device not answering, its door roster out of sync, events lost. Pure: the store's
 * snapshot, the rosters and the park file in, the judgement out; times are the park's clock, the
 * gateway's durations subtracted from when its status arrived.
 */
public final class FleetView {
    /** What can be wrong with a gateway, in the order a person should look at them; {@code wire} is the API's name. */
    public enum Kind {
        OFFLINE("offline"), STALE("stale"), BUS_DOWN("busDown"), DEVICE_OFFLINE("deviceOffline"), BACKLOG("backlog"),
        ROSTER("roster"), LOST("lost");

        public final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public static Optional<Kind> of(String wire) {
            return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
        }
    }

    /**
     * One problem: the catalog code that says it and the code's arguments (names and values), since
     * when (park clock; null when not known), and the gateway's own words about it, if any.
     */
    public record Problem(Kind kind, String code, List<Object> args, Long since, String detail) {
        public Problem {
            args = List.copyOf(args);
        }
    }

    /** A building's gateway: what the store knows of it (each part may be absent) and its problems. */
    public record Gateway(ParkConfig.Building building, FleetStore.Presence presence, FleetStore.StatusRow status,
                          boolean stale, RosterStates.GatewayRoster roster, List<FleetStore.Lost> lost,
                          List<Problem> problems) {
        public boolean has(Kind kind) {
            return problems.stream().anyMatch(p -> p.kind() == kind);
        }
    }

    /** Which gateways to show: those of a village, of a building, with a problem of a kind; empty: any. */
    public record Filter(Optional<String> village, Optional<String> building, Optional<Kind> problem) {
        public boolean test(Gateway g) {
            return village.map(v -> g.building().village().map(v::equals).orElse(false)).orElse(true)
                    && building.map(b -> g.building().id().equals(b)).orElse(true)
                    && problem.map(g::has).orElse(true);
        }
    }

    /** More waiting events than this, or the oldest older than {@link #BACKLOG_SECONDS}, is a backlog. */
    public static final long BACKLOG_EVENTS = 1_000;
    /** The park's confirmation normally takes a second; five minutes is when the gateway itself raises park.unconfirmed. */
    public static final long BACKLOG_SECONDS = 300;

    private FleetView() {
    }

    /** Every building's gateway, those with problems first, then by village and building. */
    public static List<Gateway> of(BuildingDirectory buildings, FleetStore.Snapshot snapshot, List<RosterStates.GatewayRoster> rosters,
                                   long now) {
        Map<String, RosterStates.GatewayRoster> rosterOf = new HashMap<>();
        rosters.forEach(r -> rosterOf.put(r.gateway(), r));
        List<Gateway> out = new ArrayList<>();
        for (ParkConfig.Building b : buildings.all()) {
            String id = b.gateway();
            out.add(judge(b, snapshot.presence().get(id), snapshot.statuses().get(id), rosterOf.get(id),
                    snapshot.lost().getOrDefault(id, List.of()), now));
        }
        out.sort(Comparator.comparing((Gateway g) -> g.problems().isEmpty())
                .thenComparing(g -> g.building().village().orElse("\uffff"))
                .thenComparing(g -> g.building().id()));
        return out;
    }

    static Gateway judge(ParkConfig.Building b, FleetStore.Presence presence, FleetStore.StatusRow row,
                         RosterStates.GatewayRoster roster, List<FleetStore.Lost> lost, long now) {
        List<Problem> problems = new ArrayList<>();
        boolean seen = presence != null && presence.session() > 0;
        boolean online = seen && presence.online();
        if (!seen) {
            problems.add(new Problem(Kind.OFFLINE, "fleet.problem.neverSeen", List.of(), null, null));
        } else if (!online) {
            problems.add(new Problem(Kind.OFFLINE, "fleet.problem.offline", List.of(), presence.seenAt(), null));
        }
        boolean stale;
        if (row == null) {
            stale = true;
            problems.add(online ? new Problem(Kind.STALE, "fleet.problem.noStatus", List.of(), presence.seenAt(), null)
                    : new Problem(Kind.STALE, "fleet.problem.noStatusEver", List.of(), null, null));
        } else {
            GatewayStatus s = row.status();
            stale = now - row.receivedAt() > s.periodSeconds() * 2_500L;
            if (stale) {
                problems.add(new Problem(Kind.STALE, "fleet.problem.stale", List.of("period", s.periodSeconds()),
                        row.receivedAt(), null));
            }
            figures(s, row.receivedAt(), problems);
        }
        if (roster != null && !roster.inSync()) {
            boolean failing = roster.sync() == RosterStates.Sync.FAILING;
            problems.add(new Problem(Kind.ROSTER, failing ? "fleet.problem.rosterFailing" : "fleet.problem.roster",
                    List.of("wanted", roster.wanted(), "confirmed", roster.confirmed(), "attempts", roster.attempts()),
                    roster.outOfSyncSince(), failing ? roster.detail() : null));
        }
        if (!lost.isEmpty()) {
            long count = lost.stream().mapToLong(FleetStore.Lost::count).sum();
            String ranges = String.join(", ", lost.stream().limit(5)
                    .map(l -> l.from() == l.to() ? Long.toString(l.from()) : l.from() + "-" + l.to()).toList())
                    + (lost.size() > 5 ? ", …" : "");
            problems.add(new Problem(Kind.LOST, "fleet.problem.lost", List.of("count", count, "ranges", ranges),
                    lost.stream().mapToLong(FleetStore.Lost::foundAt).min().orElse(now), null));
        }
        problems.sort(Comparator.comparing(Problem::kind));
        return new Gateway(b, presence, row, stale, roster, lost, problems);
    }

    /** What the status itself says is wrong, its durations turned into park times. */
    private static void figures(GatewayStatus s, long receivedAt, List<Problem> problems) {
        List<String> down = new ArrayList<>();
        for (GatewayStatus.Bus bus : s.buses()) {
            if (!bus.up()) {
                down.add(bus.id());
                long devices = s.devices().offline().stream().filter(d -> d.bus().equals(bus.id())).count();
                problems.add(new Problem(Kind.BUS_DOWN, "fleet.problem.busDown", List.of("bus", bus.id(), "devices", devices),
                        receivedAt - bus.downSeconds() * 1000, bus.detail()));
            }
        }
        for (GatewayStatus.Offline d : s.devices().offline()) {
            if (!down.contains(d.bus())) {
                problems.add(new Problem(Kind.DEVICE_OFFLINE, "fleet.problem.deviceOffline", List.of("device", d.id(), "bus", d.bus()),
                        receivedAt - d.offlineSeconds() * 1000, d.detail()));
            }
        }
        GatewayStatus.Outbox o = s.outbox();
        if (o.waiting() >= BACKLOG_EVENTS || o.waiting() > 0 && o.oldestAgeSeconds() >= BACKLOG_SECONDS) {
            problems.add(new Problem(Kind.BACKLOG, "fleet.problem.backlog", List.of("waiting", o.waiting()),
                    receivedAt - o.oldestAgeSeconds() * 1000, null));
        }
    }
}
