package org.anju.agent.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Lifts released by a fire, on disk: a release is written with its {@code lift.fire_release} event
 * and removed with the officer's restoring, so a gateway restarted in between still holds every
 * floor button released.
 */
public final class LiftReleases implements AutoCloseable {
    private final SideConnection db;

    public LiftReleases(GatewayDatabase database) {
        this.db = new SideConnection(database, "lift-releases");
    }

    public static StateWrite released(String lift, List<String> inputs, Instant at) {
        return c -> {
            try (var ps = c.prepareStatement("INSERT INTO lift_release (lift, since, inputs) VALUES (?, ?, ?)"
                    + " ON CONFLICT (lift) DO NOTHING")) {
                ps.setString(1, lift);
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, String.join(",", inputs));
                ps.executeUpdate();
            }
        };
    }

    public static StateWrite restored(String lift) {
        return c -> {
            try (var ps = c.prepareStatement("DELETE FROM lift_release WHERE lift = ?")) {
                ps.setString(1, lift);
                ps.executeUpdate();
            }
        };
    }

    /** The lifts released when the gateway last stopped, with when. */
    public CompletableFuture<Map<String, Instant>> released() {
        return db.run(c -> {
            Map<String, Instant> out = new HashMap<>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT lift, since FROM lift_release")) {
                while (rs.next()) {
                    out.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
            return out;
        }).thenApply(r -> {
            if (r instanceof SideConnection.Result.Done<Map<String, Instant>> d) {
                return d.value();
            }
            throw new IllegalStateException("cannot read the released lifts: " + ((SideConnection.Result.Failed<Map<String, Instant>>) r).reason());
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
