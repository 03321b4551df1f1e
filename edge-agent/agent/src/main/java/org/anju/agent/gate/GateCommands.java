package org.anju.agent.gate;

import java.util.List;

import org.anju.agent.command.CommandApi;
import org.anju.agent.occupancy.SiteOccupancy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The gates' commands on {@code anju.command}:
 * <pre>
 * {"id":"r1","kind":"door.open","door":"lobby-gate","tenant":"t-7"}     a phone at the gate: an entry, judged like a card
 * {"id":"r2","kind":"gate.reset","tenant":"t-7","who":"officer-17"}      an officer resets a card's anti-passback:
 *                                                                         the renter is counted out
 * -> "opened", "denied" with the reason (ANTI_PASSBACK...), "device-offline", "timed-out", "done", "refused", "rejected"
 * </pre>
 */
public final class GateCommands implements CommandApi.Extension {
    private final SiteGates gates;
    private final SiteOccupancy occupancy;

    public GateCommands(SiteGates gates, SiteOccupancy occupancy) {
        this.gates = gates;
        this.occupancy = occupancy;
    }

    @Override
    public List<String> kinds() {
        return List.of("gate.reset");
    }

    @Override
    public boolean handles(String kind, JsonObject body) {
        return kind.startsWith("gate.") || kind.equals("door.open") && body.getValue("door") instanceof String d
                && gates.gates().containsKey(d);
    }

    @Override
    public Future<JsonObject> run(String id, String kind, JsonObject body, String who) {
        if (kind.equals("door.open")) {
            if (!(body.getValue("tenant") instanceof String tenant) || tenant.isBlank()) {
                return rejected(id, "a gate opens for a tenant's phone: door.open on gate " + body.getString("door")
                        + " needs \"tenant\"");
            }
            return gates.open(id, body.getString("door"), tenant).map(r -> CommandApi.toJson(id, r));
        }
        if (!kind.equals("gate.reset")) {
            return rejected(id, "unknown kind '" + kind + "'; a gate takes door.open and gate.reset");
        }
        if (!(body.getValue("tenant") instanceof String tenant) || tenant.isBlank()) {
            return rejected(id, "gate.reset needs \"tenant\": the renter whose card to reset");
        }
        if (who.equals("unknown")) {
            return rejected(id, "gate.reset needs \"who\": the officer resetting the card");
        }
        return Future.succeededFuture(occupancy.reset(tenant, who).map(why -> CommandApi.reply(id, "refused", why))
                .orElse(CommandApi.reply(id, "done", null)));
    }

    private static Future<JsonObject> rejected(String id, String why) {
        return Future.succeededFuture(CommandApi.reply(id, "rejected", why));
    }
}
