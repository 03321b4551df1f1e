package org.anju.agent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Who is inside each building, on disk, and how far each turnstile's counters are accounted for.
 * Every change is written with the event that reports it ({@code gate.passage},
 * {@code occupancy.reconciled}, {@code gate.passback_reset}), so the counts after a restart are the
 * counts the park was told, and the turnstile's passages while the gateway was down are found by
 * comparing its counters with the last ones written here.
 */
public final class OccupancyStore implements AutoCloseable {
    /** A person counted in. */
    public record PersonRow(String building, String tenant, Instant since, String gate) {
    }

    /** A building's anonymous balance and when it was last reconciled (null: never). */
    public record BuildingRow(String building, int anonymous, Instant reconciled) {
    }

    /** What was on disk at start. */
    public record Loaded(List<PersonRow> people, Map<String, BuildingRow> buildings, Map<String, int[]> counters) {
    }

    private final SideConnection db;

    public OccupancyStore(GatewayDatabase database) {
        this.db = new SideConnection(database, "occupancy-store");
    }

    public CompletableFuture<Loaded> load() {
        return db.run(c -> {
            List<PersonRow> people = new ArrayList<>();
            Map<String, BuildingRow> buildings = new HashMap<>();
            Map<String, int[]> counters = new HashMap<>();
            try (var s = c.createStatement()) {
                try (var rs = s.executeQuery("SELECT building, tenant, since, gate FROM occupancy_person WHERE inside = 1")) {
                    while (rs.next()) {
                        people.add(new PersonRow(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
                    }
                }
                try (var rs = s.executeQuery("SELECT building, anonymous, reconciled FROM occupancy_building")) {
                    while (rs.next()) {
                        long reconciled = rs.getLong(3);
                        buildings.put(rs.getString(1), new BuildingRow(rs.getString(1), rs.getInt(2),
                                rs.wasNull() ? null : Instant.ofEpochMilli(reconciled)));
                    }
                }
                try (var rs = s.executeQuery("SELECT gate, entries, exits FROM gate_counter")) {
                    while (rs.next()) {
                        counters.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                    }
                }
            }
            return new Loaded(people, buildings, counters);
        }).thenApply(r -> {
            if (r instanceof SideConnection.Result.Done<Loaded> d) {
                return d.value();
            }
            throw new IllegalStateException("cannot read who is inside: " + ((SideConnection.Result.Failed<Loaded>) r).reason());
        });
    }

    /** A person now inside ({@code since} set) or out (null), and the building's anonymous balance. */
    public static StateWrite person(String building, String tenant, Instant since, String gate, int anonymous) {
        return c -> {
            if (since == null) {
                try (var ps = c.prepareStatement("DELETE FROM occupancy_person WHERE building = ? AND tenant = ?")) {
                    ps.setString(1, building);
                    ps.setString(2, tenant);
                    ps.executeUpdate();
                }
            } else {
                try (var ps = c.prepareStatement("INSERT INTO occupancy_person (building, tenant, inside, since, gate)"
                        + " VALUES (?, ?, 1, ?, ?) ON CONFLICT (building, tenant) DO UPDATE SET inside = 1,"
                        + " since = excluded.since, gate = excluded.gate")) {
                    ps.setString(1, building);
                    ps.setString(2, tenant);
                    ps.setLong(3, since.toEpochMilli());
                    ps.setString(4, gate);
                    ps.executeUpdate();
                }
            }
            balance(c, building, anonymous);
        };
    }

    /** The anonymous balance alone (a passage nobody identified). */
    public static StateWrite anonymous(String building, int anonymous) {
        return c -> balance(c, building, anonymous);
    }

    /** How far a turnstile's counters are accounted for, with the passage that took them there. */
    public static StateWrite counters(String gate, int entries, int exits) {
        return c -> {
            try (var ps = c.prepareStatement("INSERT INTO gate_counter (gate, entries, exits) VALUES (?, ?, ?)"
                    + " ON CONFLICT (gate) DO UPDATE SET entries = excluded.entries, exits = excluded.exits")) {
                ps.setString(1, gate);
                ps.setInt(2, entries);
                ps.setInt(3, exits);
                ps.executeUpdate();
            }
        };
    }

    /** A reconciliation: the balance reset, the people counted out removed, the time kept. */
    public static StateWrite reconciled(String building, List<String> countedOut, Instant at) {
        return c -> {
            try (var ps = c.prepareStatement("DELETE FROM occupancy_person WHERE building = ? AND tenant = ?")) {
                for (String t : countedOut) {
                    ps.setString(1, building);
                    ps.setString(2, t);
                    ps.executeUpdate();
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO occupancy_building (building, anonymous, reconciled) VALUES (?, 0, ?)"
                    + " ON CONFLICT (building) DO UPDATE SET anonymous = 0, reconciled = excluded.reconciled")) {
                ps.setString(1, building);
                ps.setLong(2, at.toEpochMilli());
                ps.executeUpdate();
            }
        };
    }

    /** Marks a building's count as reconciled at {@code at} without changing it (the first start). */
    public CompletableFuture<Void> startCounting(String building, Instant at) {
        return db.run(c -> {
            try (var ps = c.prepareStatement("INSERT INTO occupancy_building (building, anonymous, reconciled) VALUES (?, 0, ?)"
                    + " ON CONFLICT (building) DO UPDATE SET reconciled = COALESCE(occupancy_building.reconciled, excluded.reconciled)")) {
                ps.setString(1, building);
                ps.setLong(2, at.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        }).thenApply(r -> null);
    }

    public static StateWrite both(StateWrite a, StateWrite b) {
        return c -> {
            a.write(c);
            b.write(c);
        };
    }

    private static void balance(Connection c, String building, int anonymous) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO occupancy_building (building, anonymous) VALUES (?, ?)"
                + " ON CONFLICT (building) DO UPDATE SET anonymous = excluded.anonymous")) {
            ps.setString(1, building);
            ps.setInt(2, anonymous);
            ps.executeUpdate();
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
