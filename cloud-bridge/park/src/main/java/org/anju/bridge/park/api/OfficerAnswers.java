package org.anju.bridge.park.api;

import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.park.command.CommandSender;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A gateway's answer to an officer's (or a landlord's) command as the console shows it: the outcome's word
 * ({@code result}: done, under way, already off, refused, offline), a catalog code and its text in
 * the officer's language ({@code code}, {@code text}), and the gateway's own words for the record
 * ({@code detail}, English, never shown to a person who reads Chinese). Cut, acknowledge and
 * restore keep the result words the pages and scripts already read ({@link TenantRoutes.Words}).
 */
final class OfficerAnswers {
    /** What the officer asked for: its words and the catalog codes of its outcomes. */
    enum Action {
        CUT_PORT(TenantRoutes.Words.CUT, "console.answer.cut", "console.answer.cutting", "console.answer.cutFailed"),
        CUT_AREA(TenantRoutes.Words.CUT, "console.answer.cut", "console.answer.cutting", "console.answer.cutFailed"),
        RESTORE_AREA(TenantRoutes.Words.RESTORE, "console.answer.restored", "console.answer.restoring",
                "console.answer.restoreRefused"),
        ACKNOWLEDGE(TenantRoutes.Words.ACKNOWLEDGE, "console.answer.acknowledged", "console.answer.acknowledging",
                "console.answer.ackRefused"),
        RESTORE_LIFT(TenantRoutes.Words.RESTORE, "console.answer.liftRestored", "console.answer.restoring",
                "console.answer.liftRefused"),
        RESET_CARD(TenantRoutes.Words.RESET, "console.answer.reset", "console.answer.resetting",
                "console.answer.resetRefused"),
        /** A landlord's or an officer's stop of a charge (a tenant's own stop is answered by {@link PhoneAnswer}). */
        STOP(TenantRoutes.Words.STOP, "console.answer.stopped", "console.answer.stopping", "console.answer.stopRefused");

        final TenantRoutes.Words words;
        final String done;
        final String underWay;
        final String refused;

        Action(TenantRoutes.Words words, String done, String underWay, String refused) {
            this.words = words;
            this.done = done;
            this.underWay = underWay;
            this.refused = refused;
        }
    }

    private OfficerAnswers() {
    }

    /** {@code what}: the thing acted on as the officer knows it (an area, a port, a lift), for the texts' {what}. */
    static void answer(RoutingContext ctx, CommandSender.Outcome outcome, Action action, String what) {
        if (outcome instanceof CommandSender.Outcome.Replied replied) {
            var reply = replied.reply();
            JsonObject body = new JsonObject().put("requestId", reply.requestId());
            if (reply.detail() != null) {
                body.put("detail", reply.detail());
            }
            ReplyResult r = reply.result();
            if (r == ReplyResult.OK || r == ReplyResult.SENT) {
                String code = action == Action.RESTORE_AREA && reply.detail() != null
                        && reply.detail().contains("still held off") ? "console.answer.restoredSomeHot" : action.done;
                Http.json(ctx, 200, body.put("result", r == ReplyResult.OK ? action.words.done() : "sent")
                        .put("code", code).put("text", Http.say(ctx, code, "what", what)));
            } else if (r == ReplyResult.UNCHANGED) {
                Http.json(ctx, 200, body.put("result", "already-off").put("code", "console.answer.alreadyOff")
                        .put("text", Http.say(ctx, "console.answer.alreadyOff", "what", what)));
            } else if (r == ReplyResult.PENDING) {
                Http.json(ctx, 202, body.put("result", action.words.underWay()).put("code", action.underWay)
                        .put("text", Http.say(ctx, action.underWay, "what", what)));
            } else {
                Http.json(ctx, 409, body.put("result", "refused").put("code", action.refused)
                        .put("error", Http.say(ctx, action.refused, "what", what)));
            }
        } else if (outcome instanceof CommandSender.Outcome.NoReply) {
            Http.json(ctx, 504, new JsonObject().put("result", "gateway-offline").put("code", "console.answer.noReply")
                    .put("error", Http.say(ctx, "console.answer.noReply", "what", what, "seconds",
                            TenantRoutes.DEADLINE.toSeconds())));
        } else {
            Http.json(ctx, 503, new JsonObject().put("result", "park-offline").put("code", "console.answer.notSent")
                    .put("error", Http.say(ctx, "console.answer.notSent", "what", what))
                    .put("detail", ((CommandSender.Outcome.NotSent) outcome).reason()));
        }
    }
}
