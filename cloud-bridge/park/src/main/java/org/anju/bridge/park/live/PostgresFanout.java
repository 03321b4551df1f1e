package org.anju.bridge.park.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.anju.bridge.park.store.NewsJournal;
import org.anju.bridge.park.store.ParkDatabase;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What one instance shows its consoles, shown by every instance's: each instance sends what it
 * stored to a PostgreSQL channel ({@code NOTIFY}, after its commit, so only what is stored is
 * shown) and hears every instance's there ({@code LISTEN}), itself included, each message once. Two
 * connections of its own, each on a thread of its own: one sends, packing messages into payloads
 * under PostgreSQL's 8,000-byte limit; one listens. A connection that breaks is opened again; when
 * the listening one was gone, what was sent meanwhile is lost to this instance, so its consoles are
 * told to read the state again ({@code resync}). The news among what it sends ({@link LiveFeed#news}) is
 * appended to the park's {@link NewsJournal} in the same transaction as its NOTIFY, and carries its
 * number: PostgreSQL delivers each transaction's notifications at its commit, in the order of the
 * commits, which the journal's lock makes the order of the numbers. A round that fails is sent again on
 * the next connection, so no news is lost between the store and the consoles. Each instance also says every few seconds how many
 * consoles it has, so an instance with none builds its readings for the others only while someone
 * listens somewhere. A recent alarm shown ahead ({@link LiveFeed#ahead}) is sent before the next
 * round, outside the journal, and the listeners deliver it before what they heard and have not
 * delivered yet, looking again every {@link #HEARD_AT_ONCE} payloads. A message the consoles cannot be
 * shown does not end the listening thread: its consoles are told to resync ({@link #undeliverable}).
 */
public final class PostgresFanout implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PostgresFanout.class.getName());
    public static final String CHANNEL = "anju_live";
    /** What the store sends on {@link #CHANNEL} when the park's buildings change (every instance reads them again). */
    public static final String BUILDINGS_CHANGED = "[{\"kind\":\"buildings\"}]";
    /** PostgreSQL refuses a payload of 8,000 bytes or more. */
    static final int PAYLOAD_BYTES = 7_500;
    /** What waits to be sent at most; beyond it the newest are dropped, counted, and the consoles resync. */
    static final int WAITING = 20_000;
    static final long HEARTBEAT_MILLIS = 5_000;
    /** How many messages one round sends at most: urgent ones, then readings (about ten NOTIFYs of readings). */
    static final int URGENT_AT_ONCE = 500;
    static final int READINGS_AT_ONCE = 300;

    /** Where and as whom to connect. */
    public record Target(String url, String user, String password) {
    }

    private final Target target;
    private final String instance;
    /** How a reading this instance sends begins: it names its sender, so the sender skips it when it comes back. */
    private final String readingFrom;
    private final Consumer<List<JsonObject>> deliver;
    /** How a payload of alarms shown ahead begins ({@link #sendAhead}): a listener takes it before what it heard with it. */
    static final String AHEAD = "[{\"kind\":\"ahead\",";
    /** Recent alarms' texts, shown ahead (see {@link LiveFeed#ahead}): sent before each round, in a transaction of their own. */
    private final BlockingQueue<String> ahead = new ArrayBlockingQueue<>(WAITING);
    /** Payloads heard and not yet delivered: those of alarms shown ahead first. */
    private final java.util.ArrayDeque<String> heard = new java.util.ArrayDeque<>();
    /** How many payloads the listener delivers before it looks again for alarms shown ahead. */
    static final int HEARD_AT_ONCE = 16;
    /** Port readings waiting to be sent: many, and each only the latest of its port for a second. */
    private final BlockingQueue<String> waiting = new ArrayBlockingQueue<>(WAITING);
    /** Everything else (doors, commands, gateways): sent ahead of any readings waiting. */
    private final BlockingQueue<Outgoing> urgent = new ArrayBlockingQueue<>(WAITING);
    /**
     * Alarms, taken into each round ahead of the rest: a thousand gateways' births coming back are a
     * thousand messages, and a fire alarm behind them waited their rounds.
     */
    private final BlockingQueue<Outgoing> alarms = new ArrayBlockingQueue<>(WAITING);

    /** A message to send: its JSON, and whether it is news, numbered in the journal as it is sent. */
    private record Outgoing(String json, boolean news) {
    }
    /** Released once per message queued: the sender wakes for either queue. */
    private final java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(0);
    private final Map<String, long[]> listenersElsewhere = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final AtomicReference<String> problem = new AtomicReference<>("not connected yet");
    private final Thread sender;
    private final Thread listener;
    private volatile boolean closed;
    private volatile int listenersHere;
    private volatile boolean beatNow;

    /**
     * @param deliver called on the listening thread with every message any instance sent, a payload's
     *                at a time, in the order PostgreSQL delivers them ({@code {"kind", "data"}}, or
     *                {@code {"kind": "resync"}}), but for the alarms another instance shows ahead
     *                ({@code {"kind": "ahead", "text"}}), delivered before what was heard with them;
     *                {@code {"kind": "listening"}} once, when it first listens
     */
    public PostgresFanout(Target target, String instance, Consumer<List<JsonObject>> deliver) {
        this.target = target;
        this.instance = instance;
        this.readingFrom = "{\"kind\":\"port\",\"from\":" + Json.encode(instance) + ",\"data\":";
        this.deliver = deliver;
        this.sender = new Thread(this::sendLoop, "park-live-send");
        this.listener = new Thread(this::listenLoop, "park-live-listen");
        sender.setDaemon(true);
        listener.setDaemon(true);
        sender.start();
        listener.start();
    }

    /** Queues a message (news, or a hint to ask again) for every instance's consoles; never blocks. */
    public void send(JsonObject message) {
        Outgoing out = new Outgoing(message.encode(), LiveFeed.news(message));
        queue(("alarm".equals(message.getString("kind")) ? alarms : urgent).offer(out));
    }

    /**
     * Queues the text of a recent alarm this instance showed its consoles already, unnumbered, for the
     * other instances' consoles (see {@link LiveFeed#ahead}): sent ahead of the next round, never
     * numbered (its numbered copy goes with the rest of the news), and skipped by this instance when
     * it comes back.
     */
    public void sendAhead(String text) {
        queue(ahead.offer(new JsonObject().put("kind", "ahead").put("from", instance).put("text", text).encode()));
    }

    /**
     * Queues a port's reading ({@code data}: the JSON text a console shows) for the other instances'
     * consoles, behind everything else: in a park's drain they are thousands a second, and an alarm
     * queued behind them waited seconds for its NOTIFY (the park bench on PostgreSQL). This instance
     * showed it already and skips it when it comes back.
     */
    public void sendReading(String data) {
        queue(waiting.offer(readingFrom + data + "}"));
    }

    private void queue(boolean taken) {
        if (taken) {
            queued.release();
        } else if (dropped.getAndIncrement() == 0) {
            LOG.warning("park live: more than " + WAITING + " messages wait for PostgreSQL; dropping, consoles will resync");
        }
    }

    /** This instance's consoles, told to the others with the next heartbeat. */
    public void listenersHere(int count) {
        if (count != listenersHere) {
            listenersHere = count;
            beatNow = true;   // the others learn it now, not at the next heartbeat
        }
    }

    /** Whether a console listens at another instance (heard within three heartbeats). */
    public boolean listenedToElsewhere() {
        long now = System.currentTimeMillis();
        return listenersElsewhere.values().stream().anyMatch(v -> v[0] > 0 && now - v[1] < 3 * HEARTBEAT_MILLIS);
    }

    /** What is wrong with the fan-out now, or null when both connections are up. */
    public String problem() {
        return problem.get();
    }

    public long sent() {
        return sent.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Payloads heard that could not be shown (the consoles were told to resync instead). */
    public long undeliverable() {
        return undeliverable.get();
    }

    private void sendLoop() {
        long nextHeartbeat = 0;
        Connection c = null;
        List<Outgoing> first = new ArrayList<>();   // what a failed round left, sent first on the next connection
        List<String> readings = new ArrayList<>();
        while (!closed) {
            try {
                if (c == null) {
                    c = connect();
                    c.setAutoCommit(false);
                }
                if (first.isEmpty() && readings.isEmpty()) {
                    queued.tryAcquire(250, TimeUnit.MILLISECONDS);
                    queued.drainPermits();
                    List<String> aheadNow = new ArrayList<>();
                    ahead.drainTo(aheadNow);
                    // copies: one lost with a broken connection is still shown in its place, numbered
                    notify(c, aheadNow);
                    alarms.drainTo(first, URGENT_AT_ONCE);
                    urgent.drainTo(first, URGENT_AT_ONCE - first.size());
                    if (first.size() < URGENT_AT_ONCE) {
                        waiting.drainTo(readings, READINGS_AT_ONCE); // a few NOTIFYs' worth, then the urgent queue again
                    }
                    if (!alarms.isEmpty() || !urgent.isEmpty() || !waiting.isEmpty() || !ahead.isEmpty()) {
                        queued.release();
                    }
                }
                List<String> tail = new ArrayList<>(readings);
                long now = System.currentTimeMillis();
                if (now >= nextHeartbeat || beatNow) {
                    beatNow = false;
                    tail.add(new JsonObject().put("kind", "_listeners").put("instance", instance)
                            .put("count", listenersHere).encode());
                    nextHeartbeat = now + HEARTBEAT_MILLIS;
                }
                send(c, first, tail, now);
                first.clear();
                readings.clear();
                if (dropped.get() > 0 && waiting.isEmpty() && urgent.isEmpty() && alarms.isEmpty()) {
                    notify(c, List.of(new JsonObject().put("kind", "resync").encode()));
                    dropped.set(0);
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                problem.set("sending to PostgreSQL: " + e.getMessage());
                close(c);
                c = null;
                pause();
            }
        }
        close(c);
    }

    /**
     * Numbers the news of {@code urgent} in the journal and sends it all, then {@code tail}, in one
     * transaction: the journal's lock is held until the notifications go out with the commit.
     */
    private void send(Connection c, List<Outgoing> urgent, List<String> tail, long now) throws SQLException {
        List<String> news = new ArrayList<>();
        for (Outgoing o : urgent) {
            if (o.news()) {
                news.add(o.json());
            }
        }
        List<String> messages = new ArrayList<>(urgent.size() + tail.size());
        try {
            long id = news.isEmpty() ? 0 : NewsJournal.append(c, ParkDatabase.Dialect.POSTGRES, news, now);
            for (Outgoing o : urgent) {
                messages.add(o.news() ? "{\"id\":" + id++ + "," + o.json().substring(1) : o.json());
            }
        } catch (SQLException e) {
            rollback(c);
            throw e;
        }
        messages.addAll(tail);
        notify(c, messages);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the caller opens another
        }
    }

    /**
     * Sends {@code messages} as JSON arrays of at most {@link #PAYLOAD_BYTES}, in order, in one
     * transaction: PostgreSQL delivers them together at its commit, and a round of a drain's readings
     * costs one flush of its log rather than one per NOTIFY.
     */
    private void notify(Connection c, List<String> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try {
            notifyAll(c, messages);
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the caller opens another
            }
            throw e;
        }
    }

    private void notifyAll(Connection c, List<String> messages) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            StringBuilder payload = new StringBuilder("[");
            for (String m : messages) {
                if (m.length() + 2 > PAYLOAD_BYTES) {
                    dropped.incrementAndGet(); // one message too big to carry: the consoles resync
                    continue;
                }
                if (payload.length() + m.length() + 2 > PAYLOAD_BYTES) {
                    s.setString(1, payload.append(']').toString());
                    s.execute();
                    payload.setLength(1);
                }
                payload.append(payload.length() > 1 ? "," : "").append(m);
                sent.incrementAndGet();
            }
            if (payload.length() > 1) {
                s.setString(1, payload.append(']').toString());
                s.execute();
            }
        }
    }

    private void listenLoop() {
        boolean heardBefore = false;
        Connection c = null;
        while (!closed) {
            try {
                if (c == null) {
                    c = connect();
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + CHANNEL);
                    }
                    problem.set(null);
                    // what was sent while this instance did not listen is not coming: read the state again (the first
                    // time too, for what is read from the store once, such as the buildings, and changed before now)
                    deliver.accept(List.of(new JsonObject().put("kind", heardBefore ? "resync" : "listening")));
                    heardBefore = true;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                take(pg.getNotifications(500));
                for (int n = 1; !heard.isEmpty(); n++) {
                    heard(heard.poll());
                    if (n % HEARD_AT_ONCE == 0) {
                        take(pg.getNotifications());   // what came meanwhile, without waiting: an alarm shown ahead goes first
                    }
                }
            } catch (SQLException e) {
                if (closed) {
                    break;
                }
                problem.set("listening on PostgreSQL: " + e.getMessage());
                LOG.log(Level.WARNING, "park live: " + problem.get() + "; trying again");
                close(c);
                c = null;
                pause();
            }
        }
        close(c);
    }

    /**
     * Queues what was heard for delivery, in order, but alarms shown ahead before everything not yet
     * delivered: in a park's drain the listener is seconds behind what PostgreSQL sent it (a thread
     * given a sixth of a core, ten thousand old alarms to show), and a fire raised now must not
     * wait behind them.
     */
    private void take(PGNotification[] notifications) {
        if (notifications != null) {
            queueHeard(heard, java.util.Arrays.stream(notifications).map(PGNotification::getParameter).toList());
        }
    }

    /** {@code payloads} heard into {@code heard}: those of alarms shown ahead before all that waits, in their order. */
    static void queueHeard(java.util.Deque<String> heard, List<String> payloads) {
        List<String> first = new ArrayList<>();
        for (String payload : payloads) {
            if (payload.startsWith(AHEAD)) {
                first.add(payload);
            } else {
                heard.add(payload);
            }
        }
        for (int i = first.size() - 1; i >= 0; i--) {
            heard.addFirst(first.get(i));
        }
    }

    private void heard(String payload) {
        JsonArray messages;
        try {
            messages = new JsonArray(payload);
        } catch (RuntimeException e) {
            return; // not ours
        }
        List<JsonObject> delivered = new ArrayList<>(messages.size());
        for (Object o : messages) {
            if (!(o instanceof JsonObject m)) {
                continue;
            }
            if (instance.equals(m.getString("from"))) {
                continue; // a reading or an alarm shown ahead this instance sent, shown here already
            }
            if ("_listeners".equals(m.getString("kind"))) {
                if (!instance.equals(m.getString("instance"))) {
                    listenersElsewhere.put(String.valueOf(m.getString("instance")),
                            new long[] {m.getInteger("count", 0), System.currentTimeMillis()});
                }
            } else {
                delivered.add(m);
            }
        }
        if (!delivered.isEmpty()) {
            try {
                deliver.accept(delivered);
            } catch (RuntimeException e) {
                // one payload the consoles could not be shown must not end the listening thread, and with it every
                // console's live picture: counted, the first logged, the consoles told to read the state again
                if (undeliverable.getAndIncrement() == 0) {
                    LOG.log(Level.WARNING, "park live: a message heard could not be shown; further ones only counted", e);
                }
                try {
                    deliver.accept(List.of(new JsonObject().put("kind", "resync")));
                } catch (RuntimeException again) {
                    // counted above; the thread goes on listening
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(target.url(), target.user(), target.password());
        c.setAutoCommit(true);
        return c;
    }

    private void pause() {
        try {
            Thread.sleep(1_000); // a broken database connection: try again in a second, off any event loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // already gone
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        listener.interrupt();
        try {
            sender.join(2_000);
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
