package org.anju.agent.uplink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.anju.agent.access.Credential;
import org.anju.agent.access.CredentialKey;
import org.anju.agent.access.RosterService;
import org.anju.agent.command.CommandApi;
import org.anju.agent.event.EventLog;
import org.anju.bridge.contract.Priority;
import org.anju.agent.access.RosterWrite;
import org.anju.agent.access.TenantRecord;
import org.anju.bridge.command.CommandHandler;
import org.anju.bridge.command.CommandOutcome;
import org.anju.bridge.command.Verdict;
import org.anju.bridge.command.VerifiedCommand;
import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandReply;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Signed commands from the park, carried out by the same code as every other command: door and
 * charging commands go to {@link CommandApi} on the event bus (so a phone open is judged by the
 * gateway's own roster, like a card), roster changes go to the {@link RosterService} with their
 * versions. Refusals become {@code command.rejected} events, so the park sees them in its audit.
 */
final class ParkCommands implements CommandHandler {
    /** The park's commands act in the park's name unless they say on whose behalf. */
    static final String PARK = "park";

    private final Vertx vertx;
    /** One context for every park command: roster deltas are applied in the order they came. */
    private final Context context;
    private final RosterService roster;
    private final EventLog events;

    private final java.util.function.Consumer<java.time.Instant> parkTime;

    private final org.anju.agent.site.SiteChanges siteChanges;

    ParkCommands(Vertx vertx, RosterService roster, EventLog events, java.util.function.Consumer<java.time.Instant> parkTime,
                 org.anju.agent.site.SiteChanges siteChanges) {
        this.siteChanges = siteChanges;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.roster = roster;
        this.events = events;
        this.parkTime = parkTime;
    }

    @Override
    public CompletionStage<CommandOutcome> handle(VerifiedCommand command) {
        // a verified command carries the park's time: the clock guard that judges stays anchors on it
        parkTime.accept(command.issuedAt());
        Promise<CommandOutcome> outcome = Promise.promise();
        context.runOnContext(v -> dispatch(command.requestId(), command.body()).onComplete(outcome));
        return outcome.future().toCompletionStage();
    }

    private Future<CommandOutcome> dispatch(String id, CommandBody body) {
        if (body instanceof CommandBody.RosterDelta delta) {
            return roster.applyDelta(delta.fromVersion(), delta.toVersion(), records(delta.upserts()), delta.removals())
                    .map(w -> outcome(w, delta.toVersion()));
        }
        if (body instanceof CommandBody.RosterSnapshot snapshot) {
            return roster.replace(records(snapshot.tenants()), snapshot.version())
                    .map(w -> outcome(w, snapshot.version()));
        }
        if (body instanceof CommandBody.SiteApply apply) {
            // validating and writing files blocks: a worker thread, not this context's event loop
            return vertx.executeBlocking(() -> siteChanges.apply(id, apply), false);
        }
        return send(toCommand(id, body)).map(ParkCommands::outcome);
    }

    /** The event-bus command for a door, charging or alarm command. */
    static JsonObject toCommand(String id, CommandBody body) {
        JsonObject c = new JsonObject().put("id", id);
        if (body instanceof CommandBody.DoorOpen open) {
            c.put("kind", "door.open").put("door", open.door());
            return open.onBehalfOf() == null ? c.put("who", PARK) : c.put("tenant", open.onBehalfOf())
                    .put("who", open.onBehalfOf());
        }
        if (body instanceof CommandBody.ChargeStart start) {
            c.put("kind", "charge.start").put("pile", start.pile()).put("port", start.port())
                    .put("who", start.tenant() == null ? PARK : start.tenant());
            if (start.maxMinutes() != null) {
                c.put("maxMinutes", start.maxMinutes());
            }
            return start.maxEnergyWh() == null ? c : c.put("maxEnergyWh", start.maxEnergyWh());
        }
        if (body instanceof CommandBody.ChargeStop stop) {
            c.put("kind", "charge.stop").put("pile", stop.pile()).put("port", stop.port());
            return stop.tenant() != null ? c.put("tenant", stop.tenant()).put("who", stop.tenant())
                    : c.put("who", stop.by() != null ? stop.by() : PARK);
        }
        if (body instanceof CommandBody.PortCut cut) {
            return c.put("kind", "port.cut").put("pile", cut.pile()).put("port", cut.port()).put("reason", cut.reason())
                    .put("who", cut.by() != null ? cut.by() : PARK);
        }
        if (body instanceof CommandBody.AreaCut cut) {
            return c.put("kind", "area.cut").put("area", cut.area()).put("reason", cut.reason())
                    .put("who", cut.by() != null ? cut.by() : PARK);
        }
        if (body instanceof CommandBody.AreaRestore restore) {
            return c.put("kind", "area.restore").put("area", restore.area()).put("who", restore.by());
        }
        if (body instanceof CommandBody.LiftHome home) {
            return c.put("kind", "lift.home").put("lift", home.lift()).put("tenant", home.onBehalfOf())
                    .put("who", home.onBehalfOf());
        }
        if (body instanceof CommandBody.LiftRestore restore) {
            return c.put("kind", "lift.restore").put("lift", restore.lift()).put("who", restore.by());
        }
        if (body instanceof CommandBody.GateReset reset) {
            return c.put("kind", "gate.reset").put("tenant", reset.tenant()).put("who", reset.by());
        }
        CommandBody.AlarmAck ack = (CommandBody.AlarmAck) body;
        return c.put("kind", "alarm.acknowledge").put("alarm", ack.alarm()).put("who", ack.by());
    }

    private Future<JsonObject> send(JsonObject command) {
        return vertx.eventBus().<JsonObject>request(CommandApi.ADDRESS, command, new DeliveryOptions().setSendTimeout(9_000))
                .map(reply -> reply.body());
    }

    /**
     * The agent's result words, as the park's reply: opened, done or enabled (confirmed by the
     * device) is OK, pending is PENDING (a command.completed event follows), sent is SENT, already-off is
     * UNCHANGED, anything else FAILED with why ("denied: ..." for another tenant's charge).
     */
    static CommandOutcome outcome(JsonObject reply) {
        String result = reply.getString("result", "");
        String reason = reply.getString("reason");
        return switch (result) {
            case "opened", "done", "enabled" -> CommandOutcome.ok(reason);
            case "pending" -> CommandOutcome.pending(reason);
            case "sent" -> CommandOutcome.sent(reason);
            case "already-off" -> CommandOutcome.unchanged(reason);
            default -> CommandOutcome.failed(reason == null ? result : result + ": " + reason);
        };
    }

    private CommandOutcome outcome(RosterWrite w, long version) {
        if (w instanceof RosterWrite.Gap gap) {
            return CommandOutcome.rosterGap(gap.heldVersion());
        }
        if (w instanceof RosterWrite.NotSaved ns) {
            return CommandOutcome.failed(ns.reason());
        }
        return CommandOutcome.ok(version);
    }

    private List<TenantRecord> records(List<CommandBody.RosterTenant> tenants) {
        List<TenantRecord> out = new ArrayList<>(tenants.size());
        for (CommandBody.RosterTenant t : tenants) {
            Set<CredentialKey> keys = new HashSet<>();
            for (CommandBody.RosterCredential c : t.credentials()) {
                keys.add(roster.key(credential(c)));
            }
            out.add(new TenantRecord(t.id(), t.displayName(), t.room(), java.time.Instant.ofEpochMilli(t.validFrom()),
                    java.time.Instant.ofEpochMilli(t.validUntil()), keys, Set.copyOf(t.doors()),
                    java.util.Optional.ofNullable(t.host()), java.util.Optional.ofNullable(t.maxUses())));
        }
        return out;
    }

    /** The contract checked the shapes: a card is facility:number, a PIN 4 to 12 digits. */
    private static Credential credential(CommandBody.RosterCredential c) {
        if (c.kind().equals("pin")) {
            return new Credential.Pin(c.value());
        }
        int colon = c.value().indexOf(':');
        return new Credential.Card(Integer.parseInt(c.value().substring(0, colon)),
                Long.parseLong(c.value().substring(colon + 1)));
    }

    /** A deployed site file's restart closes the park connection: it follows the reply that says the file was taken. */
    @Override
    public void replied(VerifiedCommand command, CommandReply reply) {
        if (command.body() instanceof CommandBody.SiteApply) {
            siteChanges.replied(command.requestId());
        }
    }

    @Override
    public void rejected(Verdict.Rejected rejection) {
        events.record(Priority.STATE, "command.rejected", new Rejected(rejection.requestId(), rejection.kind(),
                rejection.reason().name(), rejection.detail()));
    }

    /** The audit record of a refused command: what, and why; never its body. */
    record Rejected(String requestId, String kind, String reason, String detail) {
    }
}
