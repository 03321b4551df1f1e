package org.anju.bridge.park.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.bridge.park.store.IngestStore;

import io.vertx.core.json.JsonObject;

/**
 * A renter's access history as their landlord reads it: one row per attempt, newest first, granted
 * or denied, with the door, the method and, for a denial, the gateway's reason. An open is one row:
 * the gateway reports the decision ({@code door.access_granted}) and then the lock's release
 * ({@code door.unlocked}) with the same request id, and only the decision is shown. Methods are
 * the gateway's credential kinds as they come ({@code card}, {@code pin}, {@code offline-pin},
 * {@code keypad}, {@code remote} for a phone, {@code signed-pass}, {@code guest} for a guest pass
 * the renter issued); a guest pass's open is marked {@code guest: true}, the renter being the host.
 */
final class AccessHistory {
    private AccessHistory() {
    }

    /**
     * The rows of {@code events} (newest first, as the store answers them) of {@code tenant};
     * {@code rooms} maps a door id to the room it opens, so the page can say "room 301's door".
     */
    static List<JsonObject> rows(List<IngestStore.StoredEvent> events, String tenant, Map<String, String> rooms) {
        Set<String> decided = new HashSet<>();
        for (IngestStore.StoredEvent e : events) {
            if (e.type().equals("door.access_granted")) {
                String request = new JsonObject(e.payload()).getString("requestId");
                if (request != null) {
                    decided.add(request);
                }
            }
        }
        List<JsonObject> out = new ArrayList<>();
        for (IngestStore.StoredEvent e : events) {
            JsonObject p = new JsonObject(e.payload());
            JsonObject row = new JsonObject().put("ts", Instant.ofEpochMilli(e.ts()).toString());
            switch (e.type()) {
                case "door.access_granted" -> row.put("result", "granted").put("method", p.getString("credentialKind"));
                case "door.access_denied" -> row.put("result", "denied").put("method", p.getString("credentialKind"))
                        .put("reason", p.getString("reason"));
                case "door.unlocked" -> {
                    if (decided.contains(p.getString("requestId"))) {
                        continue; // the release of an open already listed by its decision
                    }
                    row.put("result", "granted").put("method", "remote");
                }
                case "gate.access_granted" -> row.put("result", "granted").put("method", p.getString("credential"));
                case "gate.access_denied" -> row.put("result", "denied").put("method", p.getString("credential"))
                        .put("reason", p.getString("reason"));
                default -> {
                    continue;
                }
            }
            String door = e.type().startsWith("gate.") ? p.getString("gate") : p.getString("door");
            row.put("door", door).put("doorKind", e.type().startsWith("gate.") ? "gate"
                    : rooms.containsKey(door) ? "room" : door != null && door.startsWith("entrance") ? "entrance" : "door");
            if (rooms.containsKey(door)) {
                row.put("room", rooms.get(door));
            }
            if ("guest".equals(row.getString("method"))) {
                row.put("guest", true);
            }
            if (!mentions(p, tenant)) {
                continue; // matched the id inside another text, not as this renter's
            }
            out.add(row);
        }
        return out;
    }

    /** Whether a field of the payload is exactly the tenant's id. */
    private static boolean mentions(JsonObject payload, String tenant) {
        return payload.stream().anyMatch(f -> tenant.equals(f.getValue()));
    }
}
