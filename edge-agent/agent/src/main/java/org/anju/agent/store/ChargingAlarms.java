package org.anju.agent.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.anju.agent.safety.Alarm;

/**
 * Charging alarms on disk, each kept whole (as JSON) through its life: raised, acknowledged,
 * cleared. A gateway that restarts reloads the ones not cleared, so a fire alarm with manual
 * restore keeps its area cut and an officer still sees what is waiting for them.
 */
public final class ChargingAlarms implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final SideConnection db;

    public ChargingAlarms(GatewayDatabase database) {
        this.db = new SideConnection(database, "alarm-store");
    }

    /** The alarm as raised, acknowledged or cleared, to be committed with the event that says so. */
    public static StateWrite recording(Alarm alarm) {
        return c -> {
            try (var ps = c.prepareStatement("INSERT INTO charging_alarm (id, state, raised, record) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT(id) DO UPDATE SET state = excluded.state, record = excluded.record")) {
                ps.setString(1, alarm.id());
                ps.setString(2, alarm.state().name());
                ps.setLong(3, alarm.raisedAt().toEpochMilli());
                ps.setString(4, JSON.writeValueAsString(alarm));
                ps.executeUpdate();
            } catch (JsonProcessingException e) {
                throw new java.sql.SQLException("alarm " + alarm.id() + " cannot be written: " + e.getMessage(), e);
            }
        };
    }

    /** The alarms not cleared when the gateway last stopped, oldest first. */
    public CompletableFuture<List<Alarm>> open() {
        return db.run(c -> {
            List<Alarm> open = new ArrayList<>();
            try (var s = c.createStatement();
                 var rs = s.executeQuery("SELECT record FROM charging_alarm WHERE state <> 'CLEARED' ORDER BY raised")) {
                while (rs.next()) {
                    open.add(JSON.readValue(rs.getString(1), Alarm.class));
                }
            } catch (JsonProcessingException e) {
                throw new java.sql.SQLException("a stored alarm cannot be read: " + e.getOriginalMessage(), e);
            }
            return open;
        }).thenApply(r -> {
            if (r instanceof SideConnection.Result.Done<List<Alarm>> d) {
                return d.value();
            }
            throw new IllegalStateException("cannot read the open alarms: " + ((SideConnection.Result.Failed<List<Alarm>>) r).reason());
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
