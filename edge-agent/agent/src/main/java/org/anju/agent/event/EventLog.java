package org.anju.agent.event;

import org.anju.agent.store.AppendResult;
import org.anju.bridge.contract.Priority;
import org.anju.agent.store.Outbox;
import org.anju.agent.store.OutboxEvent;
import org.anju.agent.store.StateWrite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * How the agent's verticles record what happened: a record becomes a JSON event in the outbox,
 * and the returned future completes on the caller's Vert.x context once it is on disk. The
 * append itself runs on the outbox's own thread, never on an event loop.
 */
public final class EventLog {
    /** Times as ISO-8601 text ("2026-11-25T02:00:00Z"), which people and the park read alike. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Outbox outbox;
    private final Vertx vertx;
    private volatile java.util.function.Consumer<String> recorded = type -> { };

    public EventLog(Outbox outbox, Vertx vertx) {
        this.outbox = outbox;
        this.vertx = vertx;
    }

    /** Told the type of every event recorded (the metrics count them); must return at once. */
    public void onRecorded(java.util.function.Consumer<String> listener) {
        this.recorded = listener;
    }

    /** Appends {@code payload} (a record) as an event of {@code type}; fails with the store's reason if not stored. */
    public Future<OutboxEvent> record(Priority priority, String type, Object payload) {
        return record(priority, type, payload, StateWrite.NONE);
    }

    /** As {@link #record(Priority, String, Object)}, committing {@code with} in the same transaction. */
    public Future<OutboxEvent> record(Priority priority, String type, Object payload, StateWrite with) {
        recorded.accept(type);
        String json;
        try {
            json = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Future.failedFuture(new IllegalArgumentException("event " + type + " cannot be written as JSON", e));
        }
        Context context = vertx.getOrCreateContext();
        return Future.fromCompletionStage(outbox.append(new OutboxEvent.New(priority, type, json), with), context)
                .compose(result -> result instanceof AppendResult.Stored stored
                        ? Future.succeededFuture(stored.event())
                        : Future.failedFuture(((AppendResult.NotStored) result).reason()));
    }

    public Outbox outbox() {
        return outbox;
    }
}
