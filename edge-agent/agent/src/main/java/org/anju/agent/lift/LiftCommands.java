package org.anju.agent.lift;

import java.util.List;

import org.anju.agent.command.CommandApi;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The lifts' commands on {@code anju.command}:
 * <pre>
 * {"id":"r1","kind":"lift.home","lift":"lift-a","tenant":"t-7"}            a phone's "take me home": judged by the roster
 * {"id":"r2","kind":"lift.restore","lift":"lift-a","who":"officer-17"}      an officer ends a fire release
 * -> "enabled" with the floors once the board holds them, "denied" with the reason, "device-offline",
 *    "timed-out", "done", "refused" (no release, or a fire input still active), "rejected"
 * </pre>
 */
public final class LiftCommands implements CommandApi.Extension {
    private final SiteLifts lifts;

    public LiftCommands(SiteLifts lifts) {
        this.lifts = lifts;
    }

    @Override
    public List<String> kinds() {
        return List.of("lift.home", "lift.restore");
    }

    @Override
    public boolean handles(String kind, JsonObject body) {
        return kind.startsWith("lift.");
    }

    @Override
    public Future<JsonObject> run(String id, String kind, JsonObject body, String who) {
        String liftId = body.getValue("lift") instanceof String l ? l : null;
        if (liftId == null || !lifts.lifts().containsKey(liftId)) {
            return rejected(id, liftId == null ? kind + " needs \"lift\": a lift of this gateway"
                    : "no lift '" + liftId + "' at this gateway; its lifts are: " + String.join(", ", lifts.lifts().keySet()));
        }
        return switch (kind) {
            case "lift.home" -> body.getValue("tenant") instanceof String tenant && !tenant.isBlank()
                    ? lifts.home(id, liftId, tenant).map(r -> CommandApi.toJson(id, r))
                    : rejected(id, "lift.home needs \"tenant\": the tenant the phone belongs to");
            case "lift.restore" -> who.equals("unknown")
                    ? rejected(id, "lift.restore needs \"who\": the fire safety officer restoring the lift")
                    : lifts.lifts().get(liftId).restore(id, who).map(r -> CommandApi.toJson(id, r));
            default -> rejected(id, "unknown kind '" + kind + "'; a lift takes " + String.join(", ", kinds()));
        };
    }

    private static Future<JsonObject> rejected(String id, String why) {
        return Future.succeededFuture(CommandApi.reply(id, "rejected", why));
    }
}
