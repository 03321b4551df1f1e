package org.anju.bridge.park.live;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * State changes and alarms for the consoles, as they are stored: published on the Vert.x event
 * bus ({@value #ADDRESS}) as the Server-Sent Event text each console's stream writes ({@link #text}). With several
 * instances on PostgreSQL, what any instance stored reaches every instance's consoles through
 * {@link PostgresFanout} (a console connected to A sees the fire alarm B ingested); with SQLite,
 * one instance, it goes straight to the event bus. A stream says when it opens and closes
 * ({@value #LISTENERS}, +1 and -1), so with no console connected anywhere ingest builds no
 * readings for it.
 * A port's readings are thinned here already, for all consoles together ({@link #publishReading}),
 * and kept on the {@link PortBoard} rather than sent on the event bus: in a park's drain they are
 * tens of thousands a second, and each would be queued on every console's event loop ahead of the
 * next alarm. A console's stream takes the ports that changed from the board once a second.
 */
public final class LiveFeed {
    public static final String ADDRESS = "park.live";
    /** Where a console's stream says it opened (+1) or closed (-1). */
    public static final String LISTENERS = "park.live.listeners";

    private final Vertx vertx;
    private final AtomicInteger listeners = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final Throttle<Supplier<JsonObject>> readings = new Throttle<>(READING_INTERVAL_MILLIS);
    private final PortBoard board = new PortBoard();
    private volatile UnaryOperator<JsonObject> alarmView = UnaryOperator.identity();
    private volatile PostgresFanout fanout;

    /** How often a port's readings go out at most, here and again per console. */
    public static final long READING_INTERVAL_MILLIS = 1_000;

    public LiveFeed(Vertx vertx) {
        this.vertx = vertx;
        vertx.eventBus().<Integer>localConsumer(LISTENERS, m -> {
            int now = listeners.addAndGet(m.body());
            PostgresFanout f = fanout;
            if (f != null) {
                f.listenersHere(now);
            }
        });
        vertx.setPeriodic(READING_INTERVAL_MILLIS / 4, t -> {
            List<Supplier<JsonObject>> due;
            synchronized (readings) {
                due = readings.due(System.currentTimeMillis());
            }
            due.forEach(data -> publish("port", data.get()));
        });
    }

    /**
     * A port's reading ({@code key}: gateway/pile/port; {@code seq}: its place): sent now, or held
     * until the port's second is over, replacing the one held; an older one than sent is dropped.
     * {@code data} is built only for what is sent. Safe from any thread.
     */
    public void publishReading(String key, long seq, Supplier<JsonObject> data) {
        Optional<Supplier<JsonObject>> now;
        synchronized (readings) {
            now = readings.offer(key, seq, data, System.currentTimeMillis());
        }
        now.ifPresent(d -> publish("port", d.get()));
    }

    /**
     * {@code kind}: alarm, port, door, gateway, command (how a pending cut or stop ended);
     * {@code data}: what the console shows. Safe from any thread.
     */
    public void publish(String kind, JsonObject data) {
        JsonObject message = new JsonObject().put("kind", kind).put("data", data);
        PostgresFanout f = fanout;
        if (f != null) {
            f.send(message);
        } else {
            show(message);
        }
    }

    /**
     * Shows a message to this instance's consoles: what this or another instance stored, or
     * {@code {"kind": "resync"}} when some may have been missed and the consoles should read the
     * state again. Safe from any thread.
     */
    public void show(JsonObject message) {
        published.incrementAndGet();
        JsonObject data = message.getJsonObject("data");
        if ("port".equals(message.getString("kind")) && data != null && "port.reading".equals(data.getString("type"))) {
            JsonObject p = data.getJsonObject("payload", new JsonObject());
            board.offer(data.getString("gateway") + "/" + p.getValue("pile") + "/" + p.getValue("port"), data.getLong("seq", 0L),
                    () -> text(message));
            return;
        }
        // written once here, off the event loops: a console's loop only copies the text to its response, so in a
        // drain that brings thousands of old alarms at once a new one waits behind little work
        vertx.eventBus().publish(ADDRESS, text("alarm".equals(message.getString("kind")) ? alarmView.apply(message) : message));
    }

    /**
     * How an alarm is shown to consoles ({@code {"kind", "data"}} in, the same with the view added
     * out), given by the API that shows alarms the same way in its answers; applied once per alarm
     * here rather than per console.
     */
    public void showAlarmsAs(UnaryOperator<JsonObject> view) {
        this.alarmView = view;
    }

    /** A message as a console's stream sends it: one Server-Sent Event named by its kind. */
    public static String text(JsonObject message) {
        return "event: " + message.getString("kind") + "\ndata: " + message.getJsonObject("data", new JsonObject()).encode() + "\n\n";
    }

    /**
     * Every port's latest reading, which each console's stream takes on its own timer; everything
     * else goes to the consoles on the event bus ({@value #ADDRESS}) as it comes.
     */
    public PortBoard board() {
        return board;
    }

    /** From now on every instance's consoles are shown what this one stores, through {@code fanout}. */
    public void fanOut(PostgresFanout fanout) {
        this.fanout = fanout;
        fanout.listenersHere(listeners.get());
    }

    /** Whether a console is listening now, here or, with a fan-out, at another instance. */
    public boolean listening() {
        PostgresFanout f = fanout;
        return listeners.get() > 0 || f != null && f.listenedToElsewhere();
    }

    /** What keeps this instance's consoles from seeing what the others store, or null. */
    public String fanOutProblem() {
        PostgresFanout f = fanout;
        return f == null ? null : f.problem();
    }

    /** Stops the fan-out, if any. */
    public void close() {
        PostgresFanout f = fanout;
        if (f != null) {
            f.close();
        }
    }

    /** Consoles' streams open now. */
    public int listeners() {
        return listeners.get();
    }

    /** Messages built for the consoles since start (before each console's own thinning). */
    public long published() {
        return published.get();
    }
}
