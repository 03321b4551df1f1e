package org.anju.agent.access;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Roster changes as commands: a tenant put or removed is committed to the gateway's database
 * first, then the in-memory roster the doors judge by is reloaded from it, so what the doors
 * decide is always what survives a restart. A malformed tenant is refused with the reason and
 * changes nothing.
 *
 * <pre>
 * {"kind":"roster.put","tenant":"t-7","name":"...","room":"301","validFrom":"2026-01-01T00:00:00Z",
 *  "validUntil":"2026-12-31T00:00:00Z","doors":["entrance","room-301"],"cards":[{"facility":1,"number":42}],
 *  "pins":["2468"]}                                  (a guest adds "host":"t-3": a lift takes them to t-3's floors)
 * {"kind":"roster.remove","tenant":"t-7"}
 * </pre>
 */
public final class RosterService {
    private final RosterStore store;
    private final AccessDecider decider;
    private final Vertx vertx;
    private volatile long version;

    public RosterService(RosterStore store, AccessDecider decider, Vertx vertx) {
        this.store = store;
        this.decider = decider;
        this.vertx = vertx;
    }

    /** Loads the stored roster and its version into the decider; fails with the store's reason. */
    public Future<Integer> reload() {
        return Future.fromCompletionStage(store.version().thenCombine(store.load(), (v, load) -> {
            version = v;
            return load;
        }), vertx.getOrCreateContext()).compose(load -> {
            if (load instanceof RosterLoad.Loaded loaded) {
                decider.replace(loaded.roster());
                return Future.succeededFuture(loaded.roster().tenantCount());
            }
            return Future.failedFuture(((RosterLoad.NotLoaded) load).reason());
        });
    }

    /** The version of the park's roster held, as of the last load; never blocks. */
    public long version() {
        return version;
    }

    /** The stored form of a card or PIN, for turning the park's tenants into records. */
    public CredentialKey key(Credential credential) {
        return decider.key(credential);
    }

    /** The park's whole roster at {@code newVersion}; the doors judge by it once it is on disk. */
    public Future<RosterWrite> replace(List<TenantRecord> tenants, long newVersion) {
        return applied(Future.fromCompletionStage(store.replaceAll(tenants, newVersion), vertx.getOrCreateContext()));
    }

    /** The park's changes from {@code from} to {@code to}; a {@link RosterWrite.Gap} changes nothing. */
    public Future<RosterWrite> applyDelta(long from, long to, List<TenantRecord> upserts, List<String> removals) {
        return applied(Future.fromCompletionStage(store.applyDelta(from, to, upserts, removals),
                vertx.getOrCreateContext()));
    }

    private Future<RosterWrite> applied(Future<RosterWrite> written) {
        return written.compose(w -> w instanceof RosterWrite.Saved ? reload().map(n -> w) : Future.succeededFuture(w));
    }

    /** Returns null when the command is well formed, else what is wrong with it. */
    public Future<String> put(JsonObject body) {
        TenantRecord tenant;
        try {
            tenant = tenant(body);
        } catch (IllegalArgumentException | ClassCastException | DateTimeParseException e) {
            return Future.succeededFuture("roster.put: " + e.getMessage());
        }
        return write(Future.fromCompletionStage(store.upsert(tenant), vertx.getOrCreateContext()));
    }

    public Future<String> remove(JsonObject body) {
        if (!(body.getValue("tenant") instanceof String id) || id.isBlank()) {
            return Future.succeededFuture("roster.remove needs \"tenant\": the tenant's id");
        }
        return write(Future.fromCompletionStage(store.remove(id), vertx.getOrCreateContext()));
    }

    private Future<String> write(Future<RosterWrite> written) {
        return written.compose(w -> w instanceof RosterWrite.NotSaved ns
                ? Future.succeededFuture("roster not saved: " + ns.reason())
                : reload().map(n -> (String) null));
    }

    private TenantRecord tenant(JsonObject b) {
        String id = required(b, "tenant");
        Instant from = Instant.parse(required(b, "validFrom"));
        Instant until = Instant.parse(required(b, "validUntil"));
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("validUntil " + until + " must be after validFrom " + from);
        }
        Set<CredentialKey> keys = new HashSet<>();
        JsonArray cards = b.getJsonArray("cards", new JsonArray());
        for (int i = 0; i < cards.size(); i++) {
            JsonObject card = cards.getJsonObject(i);
            keys.add(decider.key(new Credential.Card(card.getInteger("facility"), card.getLong("number"))));
        }
        JsonArray pins = b.getJsonArray("pins", new JsonArray());
        for (int i = 0; i < pins.size(); i++) {
            keys.add(decider.key(new Credential.Pin(pins.getString(i))));
        }
        Set<String> doors = new HashSet<>();
        b.getJsonArray("doors", new JsonArray()).forEach(d -> doors.add((String) d));
        if (doors.isEmpty()) {
            throw new IllegalArgumentException("a tenant needs at least one door in \"doors\"");
        }
        java.util.Optional<String> host = b.getValue("host") == null ? java.util.Optional.empty()
                : java.util.Optional.of(required(b, "host"));
        return new TenantRecord(id, b.getString("name", ""), b.getString("room", ""), from, until, keys, doors, host);
    }

    private static String required(JsonObject b, String key) {
        if (!(b.getValue(key) instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("\"" + key + "\" is required");
        }
        return s;
    }
}
