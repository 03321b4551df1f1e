package org.anju.agent.command;

import java.util.List;
import java.util.Map;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.RosterService;
import org.anju.agent.charging.SessionLimits;
import org.anju.agent.control.CommandResult;
import org.anju.agent.door.DoorRuntime;
import org.anju.agent.store.AuditTrail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Commands to the gateway on the Vert.x event bus at {@value #ADDRESS}: a JSON object with an
 * {@code id} and a {@code kind}, answered with the same id and a result. The uplink (commands from
 * the park) and the local HTTP API both come through here, so every path to a door is one path.
 *
 * <pre>
 * {"id":"r1","kind":"door.open","door":"entrance","who":"officer-2"}        an operator's open
 * {"id":"r1","kind":"door.open","door":"entrance","tenant":"t-7"}           a tenant's phone: judged by the roster
 * {"id":"r2","kind":"door.lockdown","door":"entrance","on":true,"who":"officer-2"}
 * {"id":"r3","kind":"door.acknowledge-fire","door":"entrance","who":"officer-2"}
 * {"id":"r4","kind":"roster.put",...} and {"id":"r5","kind":"roster.remove","tenant":"t-7"}: see RosterService
 * {"id":"c1","kind":"charge.start","pile":"pile-1","port":2,"who":"t-7"}
 * {"id":"c2","kind":"charge.stop","pile":"pile-1","port":2,"tenant":"t-7"}     a tenant's phone: only their own charge
 * {"id":"c3","kind":"charge.stop","pile":"pile-1","port":2,"who":"landlord-2"} anyone's charge
 * {"id":"c4","kind":"port.cut","pile":"pile-1","port":2,"who":"officer-17"}
 * {"id":"c5","kind":"area.cut","area":"bike-shed","who":"officer-17"}
 * {"id":"c7","kind":"area.restore","area":"bike-shed","who":"officer-17"}     refused while its fire input is active
 * {"id":"c6","kind":"alarm.acknowledge","alarm":"pile-1/2/OVERLOAD/1748764805000","who":"officer-17"}
 * lifts and gates add theirs ({@link Extension}): lift.home, lift.restore, gate.reset, door.open naming a gate
 * -> {"id":"r1","result":"opened"} (the lock reported itself released) | "enabled" (a lift's board holds the floors) | "sent" (a lock that cannot report) |
 *    {"id":..,"result":"denied","reason":"EXPIRED"} | "device-offline" | "timed-out" | "done" | "refused" |
 *    "rejected" (a malformed command); a stop or cut: "done" (read back off), "already-off", "pending"
 *    (a command.completed event follows), "failed", "denied" (another tenant's charge)
 * </pre>
 */
public final class CommandApi {
    public static final String ADDRESS = "anju.command";

    private static final String KNOWN = "door.open, door.lockdown, door.acknowledge-fire, roster.put, roster.remove,"
            + " charge.start, charge.stop, port.cut, area.cut, area.restore, alarm.acknowledge";
    private static final java.util.Set<String> CHARGING = java.util.Set.of("charge.start", "charge.stop", "port.cut",
            "area.cut", "area.restore", "alarm.acknowledge");

    /** The charging rules' side: a start, a stop, a cut or an acknowledgement, and what it came to. */
    @FunctionalInterface
    public interface Charging {
        java.util.concurrent.CompletableFuture<ChargingAnswer> request(ChargingCommand command);
    }

    /** Commands of another part of the building (lifts, gates), answered in the same shapes. */
    public interface Extension {
        /** The kinds it takes, for the "known" list of an unknown kind's answer. */
        List<String> kinds();

        /** Whether it takes this command (a kind of its own, or e.g. door.open naming a gate). */
        boolean handles(String kind, JsonObject body);

        Future<JsonObject> run(String id, String kind, JsonObject body, String who);
    }

    /** Whether the roster lets a tenant through a door now. */
    @FunctionalInterface
    public interface TenantAccess {
        AccessDecision decide(String tenantId, String door);
    }

    private final Map<String, DoorRuntime> doors;
    private final RosterService roster;
    private final TenantAccess tenantAccess;
    private final Charging charging;
    private final AuditTrail audit;
    private final List<Extension> extensions;

    public CommandApi(Map<String, DoorRuntime> doors, RosterService roster, TenantAccess tenantAccess,
                      Charging charging, AuditTrail audit) {
        this(doors, roster, tenantAccess, charging, audit, List.of());
    }

    public CommandApi(Map<String, DoorRuntime> doors, RosterService roster, TenantAccess tenantAccess,
                      Charging charging, AuditTrail audit, List<Extension> extensions) {
        this.doors = doors;
        this.roster = roster;
        this.tenantAccess = tenantAccess;
        this.charging = charging;
        this.audit = audit;
        this.extensions = List.copyOf(extensions);
    }

    public MessageConsumer<JsonObject> register(Vertx vertx) {
        return vertx.eventBus().consumer(ADDRESS, this::handle);
    }

    private void handle(Message<JsonObject> message) {
        JsonObject body = message.body();
        String id = body == null ? null : body.getValue("id") instanceof String s ? s : null;
        if (id == null || id.isBlank()) {
            message.reply(reply("", "rejected", "a command needs a string id"));
            return;
        }
        dispatch(id, body).onComplete(done -> {
            JsonObject reply = done.succeeded() ? done.result() : reply(id, "rejected", done.cause().getMessage());
            String who = body.getValue("who") instanceof String w ? w : "unknown";
            // ids only: the body of a roster command carries names, so it is not copied here
            audit.record(who, String.valueOf(body.getValue("kind")), "id=" + id + " door=" + body.getValue("door")
                    + " tenant=" + body.getValue("tenant") + " pile=" + body.getValue("pile") + " port="
                    + body.getValue("port") + " result=" + reply.getString("result"));
            message.reply(reply);
        });
    }

    /** Runs one command; never fails for a reason a caller could fix: those are "rejected" replies. */
    public Future<JsonObject> dispatch(String id, JsonObject body) {
        String kind = body.getValue("kind") instanceof String k ? k : "";
        String doorId = body.getValue("door") instanceof String d ? d : null;
        String who = body.getValue("who") instanceof String w && !w.isBlank() ? w : "unknown";
        if (CHARGING.contains(kind)) {
            return chargingCommand(id, kind, body, who);
        }
        if (kind.equals("roster.put") || kind.equals("roster.remove")) {
            Future<String> wrong = kind.equals("roster.put") ? roster.put(body) : roster.remove(body);
            return wrong.map(problem -> problem == null ? reply(id, "done", null) : reply(id, "rejected", problem));
        }
        for (Extension e : extensions) {
            if (e.handles(kind, body)) {
                return e.run(id, kind, body, who);
            }
        }
        if (!kind.startsWith("door.")) {
            return Future.succeededFuture(reply(id, "rejected", "unknown kind '" + kind + "'; known: " + known()));
        }
        DoorRuntime door = doorId == null ? null : doors.get(doorId);
        if (door == null) {
            return Future.succeededFuture(reply(id, "rejected", doorId == null ? "a door command needs a door"
                    : "no door '" + doorId + "' at this gateway"));
        }
        Future<CommandResult> result;
        switch (kind) {
            case "door.open" -> result = body.getValue("tenant") instanceof String tenant
                    ? door.admit(id, "remote", tenantAccess.decide(tenant, doorId), tenant)
                    : door.open(id, who);
            case "door.lockdown" -> {
                if (!(body.getValue("on") instanceof Boolean on)) {
                    return Future.succeededFuture(reply(id, "rejected", "door.lockdown needs \"on\": true or false"));
                }
                result = door.lockdown(id, on, who);
            }
            case "door.acknowledge-fire" -> result = door.acknowledgeFire(id, who);
            default -> {
                return Future.succeededFuture(reply(id, "rejected", "unknown kind '" + kind + "'; known: " + known()));
            }
        }
        return result.map(r -> toJson(id, r));
    }

    private Future<JsonObject> chargingCommand(String id, String kind, JsonObject body, String who) {
        String pile = body.getValue("pile") instanceof String p ? p : null;
        int port = body.getValue("port") instanceof Integer n ? n : 0;
        String problem = switch (kind) {
            case "alarm.acknowledge" -> body.getValue("alarm") instanceof String ? null
                    : "alarm.acknowledge needs \"alarm\": the alarm's id";
            case "area.cut", "area.restore" -> body.getValue("area") instanceof String ? null
                    : kind + " needs \"area\": the charging area's id";
            default -> pile == null || port < 1 ? kind + " needs \"pile\" and \"port\" (from 1)"
                    : body.containsKey("tenant") && !(body.getValue("tenant") instanceof String)
                    ? "\"tenant\" must be a tenant id" : kind.equals("charge.start") ? limitProblem(body) : null;
        };
        if (problem != null) {
            return Future.succeededFuture(reply(id, "rejected", problem));
        }
        String tenant = body.getValue("tenant") instanceof String t ? t : null;
        ChargingCommand command = switch (kind) {
            case "charge.start" -> new ChargingCommand.Start(id, pile, port, tenant != null ? tenant : who,
                    new SessionLimits(body.getInteger("maxMinutes"), body.getInteger("maxEnergyWh")));
            case "charge.stop" -> new ChargingCommand.Stop(id, pile, port, tenant, tenant != null && who.equals("unknown")
                    ? tenant : who);
            case "port.cut" -> new ChargingCommand.PortCut(id, pile, port, who);
            case "area.cut" -> new ChargingCommand.AreaCut(id, body.getString("area"), who);
            case "area.restore" -> new ChargingCommand.AreaRestore(id, body.getString("area"), who);
            default -> new ChargingCommand.Acknowledge(id, body.getString("alarm"), who);
        };
        return Future.fromCompletionStage(charging.request(command))
                .map(answer -> reply(id, answer.result().word(), answer.reason()));
    }

    /** What is wrong with a start's limits ({@code maxMinutes}, {@code maxEnergyWh}), or null: each absent or a whole number in range. */
    private static String limitProblem(JsonObject body) {
        for (var field : java.util.List.of(Map.entry("maxMinutes", SessionLimits.MAX_MINUTES),
                Map.entry("maxEnergyWh", SessionLimits.MAX_ENERGY_WH))) {
            Object v = body.getValue(field.getKey());
            if (v != null && !(v instanceof Integer n && n >= 1 && n <= field.getValue())) {
                return "\"" + field.getKey() + "\" must be a whole number from 1 to " + field.getValue();
            }
        }
        return null;
    }

    private String known() {
        List<String> all = new java.util.ArrayList<>(List.of(KNOWN));
        extensions.forEach(e -> all.addAll(e.kinds()));
        return String.join(", ", all);
    }

    /** A result as the command's JSON answer. */
    public static JsonObject toJson(String id, CommandResult r) {
        if (r instanceof CommandResult.Opened) {
            return reply(id, "opened", null);
        }
        if (r instanceof CommandResult.Enabled e) {
            return reply(id, "enabled", null).put("floors", new io.vertx.core.json.JsonArray(e.floors()));
        }
        if (r instanceof CommandResult.Sent) {
            return reply(id, "sent", "this lock cannot report whether it released");
        }
        if (r instanceof CommandResult.Denied d) {
            return reply(id, "denied", d.reason().name());
        }
        if (r instanceof CommandResult.DeviceOffline o) {
            return reply(id, "device-offline", o.detail());
        }
        if (r instanceof CommandResult.TimedOut) {
            return reply(id, "timed-out", null);
        }
        if (r instanceof CommandResult.Done) {
            return reply(id, "done", null);
        }
        return reply(id, "refused", ((CommandResult.Refused) r).why());
    }

    /** An answer: the command's id, its result word and, when there is one, why. */
    public static JsonObject reply(String id, String result, String reason) {
        JsonObject reply = new JsonObject().put("id", id).put("result", result);
        return reason == null ? reply : reply.put("reason", reason);
    }
}
