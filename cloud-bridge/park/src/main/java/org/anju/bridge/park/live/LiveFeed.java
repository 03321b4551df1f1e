package org.anju.bridge.park.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.anju.bridge.park.store.NewsJournal;
import org.anju.bridge.park.store.ParkDatabase;

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
 *
 * <p>What is news (alarms, doors, command outcomes, port statuses, gateway states; {@link #news})
 * is numbered before it is shown: appended to the park store's {@link NewsJournal}, whose numbers
 * are the same on every instance and follow the order of the commits, and sent as each event's
 * {@code id:}. On PostgreSQL the fan-out appends and notifies in one transaction (so every instance
 * hears the news in the order of its numbers); on SQLite, one instance, they are appended here in
 * batches, one batch at a time, and shown once committed. A console that reconnects, to this
 * instance or another, names the last number it saw and is sent what followed ({@link #since}),
 * within {@link #RESUME_WINDOW_MILLIS} and {@link #RESUME_MOST}; readings are not numbered (the
 * board's latest is the state, not news), nor the hints to ask again ({@code occupancy}).
 *
 * <p>An alarm raised a moment ago ({@link #ahead}) is also shown at once, unnumbered, to every
 * instance's consoles, before the news stored ahead of it: a park coming back from an outage brings
 * every building's alarms of the outage, thousands, and a fire raised now must not wait for them to
 * be shown. What is published on the event bus is one or several events in a row ({@link #texts}):
 * what the fan-out's listener heard at once goes to each console's loop as one piece and one write.
 */
public final class LiveFeed {
    public static final String ADDRESS = "park.live";
    /** Where a console's stream says it opened (+1) or closed (-1). */
    public static final String LISTENERS = "park.live.listeners";

    private final Vertx vertx;
    private final AtomicInteger listeners = new AtomicInteger();
    private final AtomicLong published = new AtomicLong();
    private final Throttle<Reading> readings = new Throttle<>(READING_INTERVAL_MILLIS);
    private final PortBoard board = new PortBoard();
    private volatile UnaryOperator<JsonObject> alarmView = UnaryOperator.identity();
    private volatile PostgresFanout fanout;
    /** The park store the news is numbered in, or null (route-only tests): then nothing is numbered. */
    private final ParkDatabase db;
    /** News waiting to be appended to the journal when there is no fan-out (SQLite), in the order published. */
    private final ConcurrentLinkedQueue<JsonObject> toJournal = new ConcurrentLinkedQueue<>();
    /** Alarms waiting for the journal: taken ahead of the rest, and appended ahead of the store's other work. */
    private final ConcurrentLinkedQueue<JsonObject> alarmsToJournal = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean journaling = new AtomicBoolean();
    private final AtomicLong journalFailures = new AtomicLong();
    private final AtomicLong unshowable = new AtomicLong();
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LiveFeed.class.getName());

    /** How far back a reconnecting console is sent what it missed; beyond it, it reads the state again. */
    public static final long RESUME_WINDOW_MILLIS = 60 * 60 * 1_000;
    /** How many missed messages a reconnecting console is sent at most. */
    public static final int RESUME_MOST = 5_000;
    /** How long the journal keeps news: longer than the window, so a number just beyond it is known as such. */
    static final long KEPT_MILLIS = 3 * RESUME_WINDOW_MILLIS;
    /** News appended in one transaction at most (SQLite). */
    private static final int JOURNAL_AT_ONCE = 1_000;

    /** How often a port's readings go out at most, here and again per console. */
    public static final long READING_INTERVAL_MILLIS = 1_000;

    /** A feed that numbers nothing: consoles that reconnect read the state again. */
    public LiveFeed(Vertx vertx) {
        this(vertx, null);
    }

    /** A feed that numbers the news in {@code db}'s journal, and prunes it every ten minutes. */
    public LiveFeed(Vertx vertx, ParkDatabase db) {
        this.vertx = vertx;
        this.db = db;
        if (db != null) {
            vertx.setPeriodic(10 * 60 * 1_000L, t -> prune());
        }
        vertx.eventBus().<Integer>localConsumer(LISTENERS, m -> {
            int now = listeners.addAndGet(m.body());
            PostgresFanout f = fanout;
            if (f != null) {
                f.listenersHere(now);
            }
        });
        vertx.setPeriodic(READING_INTERVAL_MILLIS / 4, t -> {
            List<Reading> due;
            synchronized (readings) {
                due = readings.due(System.currentTimeMillis());
            }
            due.forEach(this::showReading);
        });
    }

    /**
     * A port's reading ({@code key}: gateway/pile/port; {@code seq}: its place): sent now, or held
     * until the port's second is over, replacing the one held; an older one than sent is dropped.
     * {@code data} (the JSON text of what a console shows of it, with its {@code seq}) is built only
     * for what is sent. Safe from any thread.
     */
    public void publishReading(String key, long seq, Supplier<String> data) {
        Optional<Reading> now;
        synchronized (readings) {
            now = readings.offer(key, seq, new Reading(key, seq, data), System.currentTimeMillis());
        }
        now.ifPresent(this::showReading);
    }

    /** A port's reading held by the throttle: its text is written only if it is sent. */
    private record Reading(String key, long seq, Supplier<String> data) {
    }

    /**
     * Onto this instance's board at once, and, while a console listens at another instance, to the
     * fan-out (which every instance hears, this one included: it skips its own). Readings are not
     * news, so they need not come back through PostgreSQL in the journal's order: in a drain that
     * round trip, parsing each reading again on the way back, cost a tenth of the bridge's CPU.
     */
    private void showReading(Reading reading) {
        published.incrementAndGet();
        String data = reading.data().get();
        board.offer(reading.key(), reading.seq(), "event: port\ndata: " + data + "\n\n");
        PostgresFanout f = fanout;
        if (f != null && f.listenedToElsewhere()) {
            f.sendReading(data);
        }
    }

    /**
     * {@code kind}: alarm, port, door, gateway, command (how a pending cut or stop ended);
     * {@code data}: what the console shows. Safe from any thread.
     */
    public void publish(String kind, JsonObject data) {
        JsonObject message = new JsonObject().put("kind", kind).put("data", data);
        PostgresFanout f = fanout;
        if (ahead(message, System.currentTimeMillis())) {
            showAhead(message, f);
        }
        if (f != null) {
            f.send(message);
        } else if (db != null && news(message)) {
            ("alarm".equals(kind) ? alarmsToJournal : toJournal).add(message);
            journal();
        } else {
            show(message);
        }
    }

    /**
     * Whether an alarm is shown ahead of the news before it: one its gateway raised (or acknowledged,
     * or cleared) at most {@link #AHEAD_MILLIS} ago by the park's clock. A park's drain after an outage
     * brings every building's alarms of the outage at once (the park bench's thousand gateways: ten
     * thousand in the drain's first seconds), each news, numbered and shown in order; a fire raised now
     * behind them waited 3 to 4 s for those before it to be shown. It is shown at once, unnumbered, and
     * again in its place with its number (a console keeps each alarm's furthest state, so the second
     * copy changes nothing; a console that reconnects resumes from the numbers, which keep their order).
     * A gateway whose clock is behind the park's by more than the window has its alarms shown in order,
     * as every alarm was before.
     */
    static boolean ahead(JsonObject message, long now) {
        if (!"alarm".equals(message.getString("kind"))) {
            return false;
        }
        JsonObject data = message.getJsonObject("data");
        return data != null && data.getValue("ts") instanceof Number ts && now - ts.longValue() <= AHEAD_MILLIS;
    }

    /** How recent an alarm is to be shown ahead ({@link #ahead}). */
    static final long AHEAD_MILLIS = 30_000;

    /**
     * A recent alarm, unnumbered, to this instance's consoles at once and, while a console listens at
     * another instance, to theirs (the fan-out sends it before its next round and the others' listeners
     * take it before what they heard with it).
     */
    private void showAhead(JsonObject message, PostgresFanout f) {
        published.incrementAndGet();
        String text = consoleText(message);
        if (text == null) {
            return;
        }
        vertx.eventBus().publish(ADDRESS, text);
        if (f != null && f.listenedToElsewhere()) {
            f.sendAhead(text);
        }
    }

    /**
     * What the fan-out heard, a payload at a time: alarms another instance showed ahead go to this
     * one's consoles as they are, the rest as {@link #showAll}, but for what is not for consoles
     * ({@code buildings}, {@code listening}).
     */
    public void heard(List<JsonObject> messages) {
        List<JsonObject> shown = new ArrayList<>(messages.size());
        for (JsonObject message : messages) {
            String kind = message.getString("kind");
            if ("ahead".equals(kind)) {
                if (message.getValue("text") instanceof String text) {
                    published.incrementAndGet();
                    vertx.eventBus().publish(ADDRESS, text);
                }
            } else if (!"buildings".equals(kind) && !"listening".equals(kind)) {
                shown.add(message);
            }
        }
        showAll(shown);
    }

    /**
     * Whether a message is news, numbered and sent again to a console that missed it: everything
     * but a port's reading (the board's latest is the state), the hints to ask again
     * ({@code occupancy}) and what is about the stream itself ({@code resync}).
     */
    public static boolean news(JsonObject message) {
        String kind = message.getString("kind");
        if ("port".equals(kind)) {
            JsonObject data = message.getJsonObject("data");
            return data == null || !"port.reading".equals(data.getString("type"));
        }
        return "alarm".equals(kind) || "door".equals(kind) || "command".equals(kind) || "gateway".equals(kind);
    }

    /**
     * Appends what waits to the journal, one batch at a time, and shows each batch once committed
     * with its numbers, on the store's thread in the order it was published, alarms first: a batch
     * with an alarm goes ahead of the store's other work waiting, since in a drain that work (births,
     * roster states) and the doors' news held a fire alarm back for seconds. Alarms keep their order
     * among themselves, so a console never sees a raising after its clearing. A journal that cannot
     * be written does not keep the news from the consoles: it is shown without a number.
     */
    private void journal() {
        if (!journaling.compareAndSet(false, true)) {
            return;
        }
        List<JsonObject> batch = new ArrayList<>();
        for (JsonObject m; batch.size() < JOURNAL_AT_ONCE && (m = alarmsToJournal.poll()) != null; ) {
            batch.add(m);
        }
        boolean alarms = !batch.isEmpty();
        for (JsonObject m; batch.size() < JOURNAL_AT_ONCE && (m = toJournal.poll()) != null; ) {
            batch.add(m);
        }
        if (batch.isEmpty()) {
            journaling.set(false);
            if (!toJournal.isEmpty() || !alarmsToJournal.isEmpty()) {
                journal();
            }
            return;
        }
        List<String> texts = batch.stream().map(JsonObject::encode).toList();
        long at = System.currentTimeMillis();
        CompletableFuture<Long> appended;
        try {
            ParkDatabase.Work<Long> append = c -> NewsJournal.append(c, db.dialect(), texts, at);
            appended = alarms ? db.runUrgent(append) : db.run(append);
        } catch (RuntimeException closing) {
            appended = CompletableFuture.failedFuture(closing);   // the store is closing: show what is left, unnumbered
        }
        appended.whenComplete((first, failed) -> {
            if (failed != null && journalFailures.getAndIncrement() == 0) {
                LOG.warning("park live: cannot number the consoles' news in the store (" + failed.getMessage()
                        + "); shown without, so a console that reconnects may miss it; further failures only counted");
            }
            List<JsonObject> shown = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                shown.add(failed == null ? batch.get(i).copy().put("id", first + i) : batch.get(i));
            }
            showAll(shown);
            journaling.set(false);
            journal();
        });
    }

    /** What a console that reconnects is sent before the live feed goes on. */
    public record Resume(List<String> texts, long latest, String resync) {
        /** Nothing to send again, the stream's position unknown (a feed that numbers nothing). */
        static Resume unnumbered(String resync) {
            return new Resume(List.of(), -1, resync);
        }
    }

    /**
     * What followed {@code after} (null: a console connecting afresh, sent nothing again): the
     * texts of the news numbered above it, in order, and the last number they reach (what the live
     * feed goes on from, -1 when nothing is numbered); or, when that is more than is sent again or
     * older than is kept, why the console should read the state again. Off the event loop, on the
     * store's read lane: a console's stream holds the live feed until this answers, and the general
     * lane has a drain's births and roster states queued.
     */
    public CompletableFuture<Resume> since(Long after) {
        if (db == null) {
            return CompletableFuture.completedFuture(Resume.unnumbered(after == null ? null : "this instance numbers no news"));
        }
        long from = System.currentTimeMillis() - RESUME_WINDOW_MILLIS;
        return db.read(c -> after == null ? new NewsJournal.Missed.Since(List.of(), NewsJournal.latest(c))
                : NewsJournal.after(c, after, from, RESUME_MOST)).thenApply(missed -> {
                    if (missed instanceof NewsJournal.Missed.TooMuch tooMuch) {
                        return new Resume(List.of(), tooMuch.latest(), tooMuch.why());
                    }
                    NewsJournal.Missed.Since sent = (NewsJournal.Missed.Since) missed;
                    List<String> texts = new ArrayList<>(sent.entries().size());
                    for (NewsJournal.Entry e : sent.entries()) {
                        JsonObject m = new JsonObject(e.message()).put("id", e.id());
                        texts.add(text("alarm".equals(m.getString("kind")) ? alarmView.apply(m) : m));
                    }
                    return new Resume(texts, sent.latest(), null);
                });
    }

    private void prune() {
        db.run(c -> NewsJournal.prune(c, System.currentTimeMillis() - KEPT_MILLIS));
    }

    /**
     * Shows a message to this instance's consoles: what this or another instance stored, or
     * {@code {"kind": "resync"}} when some may have been missed and the consoles should read the
     * state again. Safe from any thread.
     */
    public void show(JsonObject message) {
        showAll(List.of(message));
    }

    /**
     * {@link #show}s messages in their order, as one piece of the consoles' streams: what a listener
     * heard at once, or a journal batch. Written once here, off the event loops, and handed to each
     * console's loop in one go: a drain that brings thousands of old alarms at once, each its own task
     * on the loop and its own write, kept a new alarm behind them for a second (the park bench).
     */
    public void showAll(List<JsonObject> messages) {
        StringBuilder texts = new StringBuilder();
        for (JsonObject message : messages) {
            published.incrementAndGet();
            String text = consoleText(message);
            if (text == null) {
                continue;
            }
            JsonObject data = message.getValue("data") instanceof JsonObject d ? d : null;
            if ("port".equals(message.getValue("kind")) && data != null && "port.reading".equals(data.getValue("type"))) {
                JsonObject p = data.getValue("payload") instanceof JsonObject payload ? payload : new JsonObject();
                board.offer(data.getValue("gateway") + "/" + p.getValue("pile") + "/" + p.getValue("port"),
                        data.getValue("seq") instanceof Number n ? n.longValue() : 0L, text);
            } else {
                texts.append(text);
            }
        }
        if (!texts.isEmpty()) {
            vertx.eventBus().publish(ADDRESS, texts.toString());
        }
    }

    /**
     * A message as the consoles are sent it (an alarm with its view), or null when it cannot be written:
     * one the view cannot read (a field of another type than it expects) must not hold back the rest,
     * nor stop the journal's batches or the fan-out's listener behind it. Skipped, counted, the first
     * logged by its kind only (news may name tenants); the store has it, and the API shows it.
     */
    private String consoleText(JsonObject message) {
        try {
            return text("alarm".equals(message.getValue("kind")) ? alarmView.apply(message) : message);
        } catch (RuntimeException e) {
            if (unshowable.getAndIncrement() == 0) {
                LOG.warning("park live: a " + message.getValue("kind") + " message could not be shown to the consoles (" + e
                        + "); skipped, further ones only counted");
            }
            return null;
        }
    }

    /**
     * The events of what the feed publishes on {@value #ADDRESS}, one or several {@link #text}s in a
     * row, each its own: a text's data is one line of JSON, so only an event's end holds a blank line.
     */
    public static List<String> texts(String published) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < published.length()) {
            int end = published.indexOf("\n\n", from);
            int next = end < 0 ? published.length() : end + 2;
            out.add(published.substring(from, next));
            from = next;
        }
        return out;
    }

    /**
     * How an alarm is shown to consoles ({@code {"kind", "data", "id"}} in, the same with the view added
     * out), given by the API that shows alarms the same way in its answers; applied once per alarm
     * here rather than per console.
     */
    public void showAlarmsAs(UnaryOperator<JsonObject> view) {
        this.alarmView = view;
    }

    /** A message as a console's stream sends it: one Server-Sent Event named by its kind, with its number if it has one. */
    public static String text(JsonObject message) {
        Long id = message.getLong("id");
        return (id == null ? "" : "id: " + id + "\n") + "event: " + message.getString("kind") + "\ndata: "
                + message.getJsonObject("data", new JsonObject()).encode() + "\n\n";
    }

    /** The number of a text {@link #text} wrote, or -1 when it has none. */
    public static long idOf(String text) {
        if (!text.startsWith("id: ")) {
            return -1;
        }
        int end = text.indexOf('\n');
        try {
            return Long.parseLong(text, 4, end, 10);
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
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

    /**
     * Messages that could not be shown to the consoles since start: skipped here ({@link #showAll}), or
     * heard from the fan-out and not delivered (the consoles told to resync instead).
     */
    public long unshowable() {
        PostgresFanout f = fanout;
        return unshowable.get() + (f == null ? 0 : f.undeliverable());
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
