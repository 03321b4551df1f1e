package org.anju.bridge.park.api;

import java.util.Map;

import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.command.CommandSender;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's answer to a tenant's or a guest's phone, in the phone's language: the result
 * word and the gateway's own words ({@code reason}), plus {@code code}
 * and {@code message} from the catalog that say what happened and, for a refusal, what to do
 * ("nothing is plugged into the port" becomes "plug your charger in first, then press Start").
 */
final class PhoneAnswer {
    /** The gateway's refusals of a start or stop, by how its text begins, and what a tenant reads instead. */
    private static final Map<String, String> REFUSALS = Map.of(
            "nothing is plugged into the port", "tenant.refused.notPlugged",
            "a session is already running on this port", "tenant.refused.busy",
            "the port has not been read yet", "tenant.refused.notRead",
            "the port is held off", "tenant.refused.heldOff",
            "the port was cut for overload", "tenant.refused.overload",
            "the port's relay failed", "tenant.refused.relay",
            "this charge was started at the pile", "tenant.stop.atPile",
            "this charge was started by another tenant", "tenant.stop.another",
            "no charge of yours is recorded on this port", "tenant.stop.notYours");

    private PhoneAnswer() {
    }

    static void send(RoutingContext ctx, CommandSender.Outcome outcome, TenantRoutes.Words words) {
        if (outcome instanceof CommandSender.Outcome.Replied replied) {
            var reply = replied.reply();
            String detail = reply.detail() == null ? "" : reply.detail();
            JsonObject body = new JsonObject().put("requestId", reply.requestId());
            if (reply.detail() != null) {
                body.put("reason", reply.detail());
            }
            if (reply.result() == ReplyResult.OK) {
                told(ctx, 200, body.put("result", words.done()), "tenant.result." + words.done());
            } else if (reply.result() == ReplyResult.SENT) {
                told(ctx, 200, body.put("result", "sent"), "tenant.result.sent");
            } else if (reply.result() == ReplyResult.UNCHANGED) {
                told(ctx, 200, body.put("result", "already-off"), "tenant.result.alreadyOff");
            } else if (reply.result() == ReplyResult.PENDING) {
                told(ctx, 202, body.put("result", words.underWay()), "tenant.result." + words.underWay());
            } else if (detail.startsWith("denied: ")) {
                // a door's deny reason (EXPIRED...) or a stop of another's charge, in the gateway's words
                String why = detail.substring(8);
                String code = why.matches("[A-Z_]+") ? denial(why) : refusal(why);
                told(ctx, 403, new JsonObject().put("result", "denied").put("reason", why), code, "reason", why);
            } else {
                String why = detail.startsWith("refused: ") ? detail.substring(9) : detail;
                told(ctx, 409, new JsonObject().put("result", "refused").put("reason", reply.result().name()
                        + (reply.detail() == null ? "" : ": " + reply.detail())), refusal(why), "reason", heldFor(ctx, why));
            }
        } else if (outcome instanceof CommandSender.Outcome.NoReply) {
            told(ctx, 504, new JsonObject().put("result", "gateway-offline").put("reason",
                    "the building's gateway did not answer within " + TenantRoutes.DEADLINE.toSeconds() + " s"),
                    "tenant.result.gatewayOffline", "seconds", TenantRoutes.DEADLINE.toSeconds());
        } else {
            told(ctx, 503, new JsonObject().put("result", "park-offline")
                    .put("reason", ((CommandSender.Outcome.NotSent) outcome).reason()), "tenant.result.notSent");
        }
    }

    private static void told(RoutingContext ctx, int status, JsonObject body, String code, Object... args) {
        Http.json(ctx, status, body.put("code", code).put("message", Http.say(ctx, code, args)));
    }

    /** A door's deny reason as a tenant reads it. */
    static String denial(String reason) {
        return switch (reason) {
            case "EXPIRED", "NOT_YET_VALID", "NOT_THIS_DOOR", "UNKNOWN_TENANT", "LOCKDOWN", "USES_SPENT", "HOST_NOT_VALID" ->
                    "tenant.denied." + reason;
            default -> "tenant.denied.other";
        };
    }

    /** A start's or a stop's refusal in the gateway's words, as a tenant reads it. */
    static String refusal(String why) {
        return REFUSALS.entrySet().stream().filter(e -> why.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("tenant.refused.other");
    }

    /** Why a port is held off ("the port is held off: SMOKE_OR_FIRE"), in the caller's words; empty otherwise. */
    private static String heldFor(RoutingContext ctx, String why) {
        int colon = why.lastIndexOf(": ");
        String reason = colon < 0 ? "" : why.substring(colon + 2).trim();
        return reason.matches("[A-Z_]+") ? Http.say(ctx, endReason(reason)) : Http.say(ctx, "tenant.end.other");
    }

    /** A session's end reason (or a hold's) as the catalog names it. */
    static String endReason(String reason) {
        return switch (reason) {
            case "FULL", "UNPLUGGED", "MAX_TIME", "OVERLOAD", "OVER_TEMPERATURE", "SMOKE_OR_FIRE", "REMOTE_STOP", "OFFICER_CUT",
                 "SESSION_LIMIT", "DEVICE_FAULT", "GATEWAY_RESTART" -> "tenant.end." + reason;
            default -> "tenant.end.other";
        };
    }
}
