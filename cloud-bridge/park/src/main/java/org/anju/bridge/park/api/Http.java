package org.anju.bridge.park.api;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.auth.Sessions;
import org.anju.bridge.park.i18n.Catalog;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What every route does the same way: who is asking, JSON in, JSON out, refusals as {"code", "error"} from the catalog. */
final class Http {
    private Http() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        String text = body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : String.valueOf(body);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(text);
    }

    /**
     * A refusal a person reads: {@code {"code": CODE, "error": TEXT}}, the text from the catalog in
     * the caller's language ({@link #lang}); args are the placeholders' names and values.
     */
    static void refuse(RoutingContext ctx, int status, String code, Object... args) {
        json(ctx, status, new JsonObject().put("code", code).put("error", say(ctx, code, args)));
    }

    /** The catalog's text of {@code code} in the caller's language. */
    static String say(RoutingContext ctx, String code, Object... args) {
        return Catalog.park().text(lang(ctx), code, args);
    }

    /** The caller's language, from its Accept-Language header: Chinese unless it prefers English. */
    static Catalog.Lang lang(RoutingContext ctx) {
        return Catalog.Lang.of(ctx.request().getHeader("Accept-Language"));
    }

    /** NUL, line breaks and the like: never part of a name or a login, and trouble in logs and exports. */
    static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** True if the attempt may go ahead; otherwise replies 429 with Retry-After and {@code what}. */
    static boolean allowed(RoutingContext ctx, org.anju.bridge.access.AttemptLimiter limiter, String key, String what) {
        if (limiter.attempt(key) instanceof org.anju.bridge.access.AttemptLimiter.Decision.Limited limited) {
            ctx.response().putHeader("Retry-After", Long.toString(limited.seconds()));
            json(ctx, 429, new JsonObject().put("code", "err.tooManyAttempts")
                    .put("error", say(ctx, "err.tooManyAttempts", "what", say(ctx, what), "seconds", limited.seconds()))
                    .put("retryAfterSeconds", limited.seconds()));
            return false;
        }
        return true;
    }

    /** Where the router's authentication step leaves the caller of a live session (absent: no or a dead token). */
    static final String PRINCIPAL = "anju.principal";

    /** The bearer token of the request, if it sent one in its Authorization header (the only place a token is taken from). */
    static String bearer(RoutingContext ctx) {
        String auth = ctx.request().getHeader("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    }

    /**
     * The caller, if their session is live and their role is one of {@code roles}; otherwise replies
     * 401 or 403. The session was looked up before the route ran ({@link ParkApi}'s authentication step).
     */
    static Optional<Principal> require(RoutingContext ctx, Sessions tokens, Role... roles) {
        Principal who = ctx.get(PRINCIPAL);
        if (who == null) {
            refuse(ctx, 401, "err.signInFirst");
            return Optional.empty();
        }
        for (Role r : roles) {
            if (who.role() == r) {
                return Optional.of(who);
            }
        }
        String names = java.util.Arrays.stream(roles).map(r -> say(ctx, "role." + r.name().toLowerCase(java.util.Locale.ROOT)))
                .collect(java.util.stream.Collectors.joining(" / "));
        refuse(ctx, 403, "err.wrongRole", "roles", names,
                "role", say(ctx, "role." + who.role().name().toLowerCase(java.util.Locale.ROOT)));
        return Optional.empty();
    }

    /** The request's JSON object body, or a 400 that says what is wrong with it. */
    static Optional<JsonObject> body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                refuse(ctx, 400, "err.bodyNotObject");
                return Optional.empty();
            }
            return Optional.of(body);
        } catch (DecodeException | ClassCastException e) {
            refuse(ctx, 400, "err.bodyNotObject");
            return Optional.empty();
        }
    }

    /** A string field, or null after a 400 naming it. */
    static String text(RoutingContext ctx, JsonObject body, String field, int max) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.isBlank() || s.length() > max || hasControlCharacters(s)) {
            refuse(ctx, 400, "err.textField", "field", field, "max", max);
            return null;
        }
        return s.strip();
    }

    /** The path's {@code port}: a whole number from 1 to 64, or null after a 400 saying so. */
    static Integer port(RoutingContext ctx) {
        String text = ctx.pathParam("port");
        if (text == null || !text.matches("[0-9]{1,2}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 64) {
            refuse(ctx, 400, "err.portNumber", "given", abbreviated(text));
            return null;
        }
        return Integer.parseInt(text);
    }

    /** Someone's text quoted back in an error, cut short and without control characters. */
    static String abbreviated(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    /** A store call's future on the caller's context. */
    static <T> Future<T> on(RoutingContext ctx, CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext());
    }

    /** A failed store call: 503 saying so, the cause in the answer's detail, never a stack trace. */
    static void unavailable(RoutingContext ctx, Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        json(ctx, 503, new JsonObject().put("code", "err.storeUnavailable").put("error", say(ctx, "err.storeUnavailable"))
                .put("detail", String.valueOf(cause.getMessage())));
    }
}
