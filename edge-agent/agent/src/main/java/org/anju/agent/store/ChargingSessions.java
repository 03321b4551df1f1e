package org.anju.agent.store;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.anju.agent.charging.SessionRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Charging sessions on disk, so a gateway that restarts resumes metering where it was: the whole
 * {@link SessionRecord} is kept (as JSON, beside the columns people query), written when a
 * session starts, when it ends and every minute in between.
 */
public final class ChargingSessions implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SideConnection db;

    public ChargingSessions(GatewayDatabase database) {
        this.db = new SideConnection(database, "session-store");
    }

    /**
     * The session as it starts or ends, to be committed with the event that reports it
     * ({@link Outbox#append(OutboxEvent.New, StateWrite)}): a session exists on disk exactly when the
     * park will be told of it.
     */
    public static StateWrite recording(SessionRecord s) {
        return c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO charging_session (session_key, pile, port,"
                    + " tenant_id, started, ended, start_meter_wh, energy_wh, end_reason, record)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(session_key) DO UPDATE SET ended = excluded.ended,"
                    + " energy_wh = excluded.energy_wh, end_reason = excluded.end_reason, record = excluded.record")) {
                ps.setString(1, s.sessionId());
                ps.setString(2, s.pileId());
                ps.setInt(3, s.port());
                ps.setString(4, s.startedBy());
                ps.setLong(5, s.startedAt().toEpochMilli());
                if (s.endedAt() == null) {
                    ps.setNull(6, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(6, s.endedAt().toEpochMilli());
                }
                ps.setLong(7, s.meter().baselineWh());
                ps.setLong(8, s.meter().energyWh());
                ps.setString(9, s.endReason() == null ? null : s.endReason().name());
                ps.setString(10, json(s));
                ps.executeUpdate();
            }
        };
    }

    /**
     * Saves how far open sessions have metered (every minute, and at a clean stop). It only updates
     * sessions already recorded and not ended: a save racing the session's end never reopens it,
     * and never records a session whose start the park was not told of.
     * Completes with null when saved, else with the reason it was not.
     */
    public CompletableFuture<String> saveProgress(List<SessionRecord> sessions) {
        return db.run(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE charging_session SET energy_wh = ?, record = ?"
                    + " WHERE session_key = ? AND ended IS NULL")) {
                for (SessionRecord s : sessions) {
                    ps.setLong(1, s.meter().energyWh());
                    ps.setString(2, json(s));
                    ps.setString(3, s.sessionId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }).thenApply(r -> r instanceof SideConnection.Result.Failed<?> f ? "sessions not saved: " + f.reason() : null);
    }

    /** The sessions that had not ended when the gateway last stopped. */
    public CompletableFuture<List<SessionRecord>> open() {
        return db.run(c -> {
            List<SessionRecord> open = new ArrayList<>();
            try (var s = c.createStatement();
                 var rs = s.executeQuery("SELECT record FROM charging_session WHERE ended IS NULL AND record IS NOT NULL")) {
                while (rs.next()) {
                    open.add(JSON.readValue(rs.getString(1), SessionRecord.class));
                }
            } catch (JsonProcessingException e) {
                throw new java.sql.SQLException("a stored session cannot be read: " + e.getOriginalMessage(), e);
            }
            return open;
        }).thenApply(r -> r instanceof SideConnection.Result.Done<List<SessionRecord>> d ? d.value() : List.of());
    }

    private static String json(SessionRecord s) throws java.sql.SQLException {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new java.sql.SQLException("session " + s.sessionId() + " cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
