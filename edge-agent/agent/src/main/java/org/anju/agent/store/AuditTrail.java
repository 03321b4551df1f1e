package org.anju.agent.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Who did what at this gateway (commands, roster changes), in the gateway's database. Entries
 * name people by id only: no names, phone or ID numbers.
 */
public final class AuditTrail implements AutoCloseable {
    private final SideConnection db;
    private final Clock clock;

    public AuditTrail(GatewayDatabase database, Clock clock) {
        this.db = new SideConnection(database, "audit-trail");
        this.clock = clock;
    }

    /** Completes with null when written, else with the reason it was not. */
    public CompletableFuture<String> record(String actor, String action, String detail) {
        long at = clock.millis();
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (ts, actor, action, detail) VALUES (?, ?, ?, ?)")) {
                ps.setLong(1, at);
                ps.setString(2, actor);
                ps.setString(3, action);
                ps.setString(4, detail);
                ps.executeUpdate();
            }
            return null;
        }).thenApply(r -> r instanceof SideConnection.Result.Failed<?> f ? "audit not written: " + f.reason() : null);
    }

    @Override
    public void close() {
        db.close();
    }
}
