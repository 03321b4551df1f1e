package org.anju.agent.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.anju.agent.access.AccessDecision;
import org.anju.agent.access.DenyReason;
import org.anju.agent.access.PassCheck;
import org.anju.agent.control.CommandResult;
import org.anju.agent.door.DoorRuntime;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.TenantPass;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /api/v1/pass/open} on the local API: {"pass": {...}, "door": "room-301"} from a
 * tenant's phone on the building's Wi-Fi, no token needed (the pass is the credential). The
 * check runs on a worker (the nonce is written to disk before the door acts); the opening goes
 * through the door like any other, recorded as {@code signed-pass}.
 */
final class PassOpening {
    private final Vertx vertx;
    private final PassCheck check;
    private final Map<String, DoorRuntime> doors;
    private final Supplier<Instant> clock;

    PassOpening(Vertx vertx, PassCheck check, Map<String, DoorRuntime> doors, Supplier<Instant> clock) {
        this.vertx = vertx;
        this.check = check;
        this.doors = doors;
        this.clock = clock;
    }

    /** The reply and its HTTP status. */
    record Reply(int status, JsonObject body) {
    }

    Future<Reply> open(JsonObject body) {
        String door = body.getValue("door") instanceof String d ? d : null;
        JsonObject passJson = body.getValue("pass") instanceof JsonObject p ? p : null;
        if (door == null || passJson == null) {
            return Future.succeededFuture(new Reply(400, new JsonObject().put("error", "send {\"pass\": {...}, \"door\": \"...\"}")));
        }
        Decoded<TenantPass> decoded = ContractJson.decode(passJson.toBuffer().getBytes(), TenantPass.class);
        if (!(decoded instanceof Decoded.Ok<TenantPass> ok)) {
            return Future.succeededFuture(new Reply(400, new JsonObject().put("error", "not a pass: "
                    + ((Decoded.Invalid<TenantPass>) decoded).reason())));
        }
        DoorRuntime runtime = doors.get(door);
        if (runtime == null) {
            return Future.succeededFuture(new Reply(404, new JsonObject().put("error", "no door '" + door + "' here")));
        }
        return vertx.executeBlocking(() -> check.check(ok.value(), door, clock.get())).compose(result -> {
            String id = "pass-" + UUID.randomUUID();
            if (result instanceof PassCheck.Result.Refused refused) {
                // recorded like any refusal at the door, without the pass's content
                runtime.admit(id, "signed-pass", new AccessDecision.Denied(DenyReason.UNKNOWN_CREDENTIAL));
                return Future.succeededFuture(new Reply(403, new JsonObject().put("result", "denied")
                        .put("reason", refused.reason())));
            }
            String tenant = ((PassCheck.Result.Granted) result).tenant();
            return runtime.admit(id, "signed-pass", new AccessDecision.Granted(tenant)).map(r -> r instanceof CommandResult.Opened
                    ? new Reply(200, new JsonObject().put("result", "opened"))
                    : r instanceof CommandResult.Sent
                    ? new Reply(200, new JsonObject().put("result", "sent").put("reason", "this lock cannot report whether it released"))
                    : new Reply(409, new JsonObject().put("result", "not opened").put("reason", r.toString())));
        });
    }
}
