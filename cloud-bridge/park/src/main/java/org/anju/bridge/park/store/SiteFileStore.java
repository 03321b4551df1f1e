package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.CommandCompletion;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.ReplyResult;

/**
 * Each gateway's site file, versioned as the admin saves it, and its deployments. A deployment is
 * {@code PENDING} from when its {@code site.apply} is sent until the gateway settles it: a reply
 * other than {@code PENDING} at once ({@code UNCHANGED}, {@code REFUSED} with the problems), or its
 * {@code command.completed} event later ({@code APPLIED}, {@code ROLLED_BACK} with the reason), which
 * is read from the stored events when the deployment is looked at: whichever instance ingested it.
 */
public final class SiteFileStore {
    /** A deployment's outcome. */
    public enum State { PENDING, APPLIED, UNCHANGED, REFUSED, ROLLED_BACK, FAILED }

    public record Version(String gateway, long version, String digest, long createdAt, String createdBy) {
    }

    public record Deployment(String requestId, String gateway, long version, long sentAt, String sentBy, State state,
                             String detail, Long settledAt) {
    }

    private final ParkDatabase db;

    public SiteFileStore(ParkDatabase db) {
        this.db = db;
    }

    /** Saves {@code text} as the gateway's next version (its digest as births name it); the version saved. */
    public CompletableFuture<Version> save(String gateway, String text, String digest, long now, String by) {
        return db.run(c -> {
            long next = 1;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM site_file WHERE gateway = ?")) {
                ps.setString(1, gateway);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1) + 1;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_file (gateway, version, digest, text, created_at,"
                    + " created_by) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, gateway);
                ps.setLong(2, next);
                ps.setString(3, digest);
                ps.setString(4, text);
                ps.setLong(5, now);
                ps.setString(6, by);
                ps.executeUpdate();
            }
            return new Version(gateway, next, digest, now, by);
        });
    }

    /** The gateway's versions, newest first. */
    public CompletableFuture<List<Version>> versions(String gateway) {
        return db.run(c -> {
            List<Version> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version, digest, created_at, created_by FROM site_file"
                    + " WHERE gateway = ? ORDER BY version DESC")) {
                ps.setString(1, gateway);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Version(gateway, rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            }
            return out;
        });
    }

    /** A version's text. */
    public CompletableFuture<Optional<String>> text(String gateway, long version) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT text FROM site_file WHERE gateway = ? AND version = ?")) {
                ps.setString(1, gateway);
                ps.setLong(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public CompletableFuture<Void> sent(String requestId, String gateway, long version, long now, String by) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO site_deployment (request_id, gateway, version, sent_at,"
                    + " sent_by, state) VALUES (?, ?, ?, ?, ?, 'PENDING')")) {
                ps.setString(1, requestId);
                ps.setString(2, gateway);
                ps.setLong(3, version);
                ps.setLong(4, now);
                ps.setString(5, by);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Settles a pending deployment (a later word does not overwrite an outcome already settled). */
    public CompletableFuture<Void> settle(String requestId, State state, String detail, long now) {
        return db.run(c -> {
            settle(c, requestId, state, detail, now);
            return null;
        });
    }

    /** The gateway's last deployment, settled from its command.completed event if one was stored since. */
    public CompletableFuture<Optional<Deployment>> last(String gateway, long now) {
        return db.run(c -> {
            Optional<Deployment> last = lastOf(c, gateway);
            if (last.isPresent() && last.get().state() == State.PENDING) {
                Optional<CommandCompletion> done = completion(c, gateway, last.get());
                if (done.isPresent()) {
                    CommandCompletion d = done.get();
                    State state = d.result() == ReplyResult.OK ? State.APPLIED
                            : d.result() == ReplyResult.UNCHANGED ? State.UNCHANGED
                            : d.detail() != null && d.detail().startsWith("rolled back") ? State.ROLLED_BACK : State.FAILED;
                    settle(c, last.get().requestId(), state, d.detail(), now);
                    last = lastOf(c, gateway);
                }
            }
            return last;
        });
    }

    private static Optional<Deployment> lastOf(Connection c, String gateway) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT request_id, version, sent_at, sent_by, state, detail, settled_at"
                + " FROM site_deployment WHERE gateway = ? ORDER BY sent_at DESC, request_id DESC LIMIT 1")) {
            ps.setString(1, gateway);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long settled = rs.getLong(7);
                return Optional.of(new Deployment(rs.getString(1), gateway, rs.getLong(2), rs.getLong(3), rs.getString(4),
                        State.valueOf(rs.getString(5)), rs.getString(6), rs.wasNull() ? null : settled));
            }
        }
    }

    /** The deployment's command.completed among the gateway's events of that type (few: one per pending command). */
    private static Optional<CommandCompletion> completion(Connection c, String gateway, Deployment d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM event WHERE gateway = ? AND type = ?"
                + " AND received_at >= ? ORDER BY seq")) {
            ps.setString(1, gateway);
            ps.setString(2, CommandCompletion.TYPE);
            ps.setLong(3, d.sentAt());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        CommandCompletion done = ContractJson.mapper().readValue(rs.getString(1), CommandCompletion.class);
                        if (done.requestId().equals(d.requestId())) {
                            return Optional.of(done);
                        }
                    } catch (java.io.IOException | IllegalArgumentException e) {
                        // another command's completion the gateway wrote in a shape of its own: not this one
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static void settle(Connection c, String requestId, State state, String detail, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE site_deployment SET state = ?, detail = ?, settled_at = ?"
                + " WHERE request_id = ? AND state = 'PENDING'")) {
            ps.setString(1, state.name());
            ps.setString(2, detail);
            ps.setLong(3, now);
            ps.setString(4, requestId);
            ps.executeUpdate();
        }
    }
}
