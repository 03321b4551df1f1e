package org.anju.bridge.park.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.park.config.ParkConfig;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The park's buildings in the store, as the admin manages them: one row each, its doors, areas and
 * lifts as JSON. Every change bumps the building's version (an update names the version it was
 * made from, so two admins cannot overwrite each other unseen) and, on PostgreSQL, tells every
 * instance in the same transaction ({@code NOTIFY} on {@code channel}, delivered at commit), so
 * each reads the buildings again. Writes on PostgreSQL take an advisory lock: two instances
 * adding buildings at once see each other's gateway.
 */
public final class BuildingStore {
    /** The lock building writes take on PostgreSQL ("bldg" in ASCII). */
    static final long WRITE_LOCK = 0x626c6467L;

    /** A building as stored: its version and when and by whom it last changed. */
    public record Stored(ParkConfig.Building building, long version, long updatedAt, String updatedBy) {
    }

    /** What became of a change. */
    public sealed interface Outcome {
        record Done(long version) implements Outcome {
        }

        /** Another building has this id already. */
        record IdTaken(String id) implements Outcome {
        }

        /** Another building's gateway is this one. */
        record GatewayTaken(String gateway, String building) implements Outcome {
        }

        /** No building has this id (deleted meanwhile, or never there). */
        record Missing(String id) implements Outcome {
        }

        /** Changed by someone else since the version the change was made from. */
        record Stale(long current) implements Outcome {
        }

        /** Not deleted: tenants still hold leases there, or its gateway is connected. */
        record InUse(int leases, boolean gatewayOnline) implements Outcome {
        }
    }

    /** What an import of park.yaml's buildings did: which were added, and which were left out (and why). */
    public record Imported(List<String> added, List<String> skipped) {
    }

    final ParkDatabase db;
    private final String channel;
    private final String payload;

    /**
     * @param channel the PostgreSQL channel every instance listens on, and {@code payload} what is
     *                sent there when the buildings change (ignored on SQLite: one instance)
     */
    public BuildingStore(ParkDatabase db, String channel, String payload) {
        this.db = db;
        this.channel = channel;
        this.payload = payload;
    }

    public CompletableFuture<List<Stored>> all() {
        return db.run(c -> {
            List<Stored> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, gateway, name, village,"
                    + " gateway_key, gateway_key_file, layout, version, updated_at, updated_by FROM building ORDER BY id")) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    /**
     * Adds each of {@code buildings} that was never imported before and whose id and gateway are
     * free; a building imported once is never imported again, so what the admin changed or deleted
     * since stays so.
     */
    public CompletableFuture<Imported> importOnce(List<ParkConfig.Building> buildings, long now) {
        return db.run(c -> {
            lock(c);
            List<String> added = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (ParkConfig.Building b : buildings) {
                if (exists(c, "SELECT 1 FROM building_imported WHERE id = ?", b.id())) {
                    continue;
                }
                Optional<String> holder = holderOfGateway(c, b.gateway());
                if (exists(c, "SELECT 1 FROM building WHERE id = ?", b.id())
                        || holder.isPresent() && !holder.get().equals(b.id())) {
                    skipped.add(b.id());
                    continue;
                }
                insert(c, b, now, "park.yaml");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO building_imported (id, imported_at) VALUES (?, ?)")) {
                    ps.setString(1, b.id());
                    ps.setLong(2, now);
                    ps.executeUpdate();
                }
                added.add(b.id());
            }
            if (!added.isEmpty()) {
                told(c);
            }
            return new Imported(added, skipped);
        });
    }

    public CompletableFuture<Outcome> create(ParkConfig.Building b, long now, String by) {
        return db.run(c -> {
            lock(c);
            if (exists(c, "SELECT 1 FROM building WHERE id = ?", b.id())) {
                return new Outcome.IdTaken(b.id());
            }
            Optional<String> holder = holderOfGateway(c, b.gateway());
            if (holder.isPresent()) {
                return new Outcome.GatewayTaken(b.gateway(), holder.get());
            }
            insert(c, b, now, by);
            told(c);
            return new Outcome.Done(1);
        });
    }

    /** Replaces the building {@code b.id()} if it is still at {@code fromVersion}. */
    public CompletableFuture<Outcome> update(ParkConfig.Building b, long fromVersion, long now, String by) {
        return db.run(c -> {
            lock(c);
            Optional<Long> version = version(c, b.id());
            if (version.isEmpty()) {
                return new Outcome.Missing(b.id());
            }
            if (version.get() != fromVersion) {
                return new Outcome.Stale(version.get());
            }
            Optional<String> holder = holderOfGateway(c, b.gateway());
            if (holder.isPresent() && !holder.get().equals(b.id())) {
                return new Outcome.GatewayTaken(b.gateway(), holder.get());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE building SET gateway = ?, name = ?, village = ?,"
                    + " gateway_key = ?, gateway_key_file = ?, layout = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ?")) {
                bind(ps, b);
                ps.setLong(7, fromVersion + 1);
                ps.setLong(8, now);
                ps.setString(9, by);
                ps.setString(10, b.id());
                ps.executeUpdate();
            }
            told(c);
            return new Outcome.Done(fromVersion + 1);
        });
    }

    /**
     * Deletes the building unless leases there are not ended or its gateway is connected (the
     * people and the gateway would be left pointing at nothing); a landlord's hold on it goes with it.
     */
    public CompletableFuture<Outcome> delete(String id) {
        return db.run(c -> {
            lock(c);
            Optional<Long> version = version(c, id);
            if (version.isEmpty()) {
                return new Outcome.Missing(id);
            }
            int leases = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM lease WHERE building = ? AND ended_at IS NULL")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    leases = rs.getInt(1);
                }
            }
            boolean online = exists(c, "SELECT 1 FROM gateway g JOIN building b ON b.gateway = g.id WHERE b.id = ? AND g.online = 1", id);
            if (leases > 0 || online) {
                return new Outcome.InUse(leases, online);
            }
            for (String sql : List.of("DELETE FROM building WHERE id = ?", "DELETE FROM landlord_building WHERE building = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            }
            told(c);
            return new Outcome.Done(version.get() + 1);
        });
    }

    void lock(Connection c) throws SQLException {
        if (db.dialect() == ParkDatabase.Dialect.POSTGRES) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")");
            }
        }
    }

    /** Every instance (this one too) hears of the change when this transaction commits, and not before. */
    void told(Connection c) throws SQLException {
        if (db.dialect() == ParkDatabase.Dialect.POSTGRES) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, channel);
                ps.setString(2, payload);
                ps.execute();
            }
        }
    }

    private static void insert(Connection c, ParkConfig.Building b, long now, String by) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO building (gateway, name, village, gateway_key,"
                + " gateway_key_file, layout, version, updated_at, updated_by, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, b);
            ps.setLong(7, 1);
            ps.setLong(8, now);
            ps.setString(9, by);
            ps.setString(10, b.id());
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, ParkConfig.Building b) throws SQLException {
        ps.setString(1, b.gateway());
        ps.setString(2, b.name());
        ps.setString(3, b.village().orElse(null));
        ps.setString(4, b.gatewayKey().orElse(null));
        ps.setString(5, b.gatewayKeyFile().map(Path::toString).orElse(null));
        ps.setString(6, layout(b).encode());
    }

    private static Optional<Long> version(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM building WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<String> holderOfGateway(Connection c, String gateway) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM building WHERE gateway = ?")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A building's doors, areas and lifts as JSON ({@code {doors: [{id, room, kind}], areas: [{id, piles}], lifts}}), as stored and as the API shows them. */
    public static JsonObject layout(ParkConfig.Building b) {
        JsonArray doors = new JsonArray();
        b.doors().forEach(d -> doors.add(new JsonObject().put("id", d.id()).put("room", d.room().orElse(null)).put("kind", d.kind())));
        JsonArray areas = new JsonArray();
        b.areas().forEach(a -> areas.add(new JsonObject().put("id", a.id()).put("piles", new JsonArray(a.piles()))));
        return new JsonObject().put("doors", doors).put("areas", areas).put("lifts", new JsonArray(b.lifts()));
    }

    private static Stored read(ResultSet rs) throws SQLException {
        JsonObject layout = new JsonObject(rs.getString("layout"));
        List<ParkConfig.Door> doors = new ArrayList<>();
        layout.getJsonArray("doors", new JsonArray()).forEach(o -> {
            JsonObject d = (JsonObject) o;
            doors.add(new ParkConfig.Door(d.getString("id"), Optional.ofNullable(d.getString("room")), d.getString("kind")));
        });
        List<ParkConfig.Area> areas = new ArrayList<>();
        layout.getJsonArray("areas", new JsonArray()).forEach(o -> {
            JsonObject a = (JsonObject) o;
            List<String> piles = new ArrayList<>();
            a.getJsonArray("piles", new JsonArray()).forEach(p -> piles.add(String.valueOf(p)));
            areas.add(new ParkConfig.Area(a.getString("id"), piles));
        });
        List<String> lifts = new ArrayList<>();
        layout.getJsonArray("lifts", new JsonArray()).forEach(l -> lifts.add(String.valueOf(l)));
        ParkConfig.Building b = new ParkConfig.Building(rs.getString("id"), rs.getString("name"), rs.getString("gateway"),
                doors, areas, Optional.ofNullable(rs.getString("gateway_key_file")).map(Path::of), lifts,
                Optional.ofNullable(rs.getString("village")), Optional.ofNullable(rs.getString("gateway_key")));
        return new Stored(b, rs.getLong("version"), rs.getLong("updated_at"), rs.getString("updated_by"));
    }
}
