package org.anju.bridge.park.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.LongConsumer;

import org.anju.bridge.access.SignInThrottle;
import org.anju.bridge.park.auth.HashPool;
import org.anju.bridge.park.auth.PasswordPolicy;
import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.auth.Sessions;
import org.anju.bridge.park.store.PeopleStore;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Signing in and out, who am I, a tenant's first sign-in with their invitation, changing one's
 * password, and the administrator's accounts (create, disable, enable) and landlords' buildings.
 * Every password is checked by {@link PasswordPolicy}; no answer ever carries one.
 */
final class AccountRoutes {
    private static final java.util.regex.Pattern LOGIN = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    /** How long a refused try (slowed, too many, busy) is held before it is answered: a flood's connection asks four times a second at most. */
    static final long HOLD_REFUSAL_MILLIS = 250;
    private static final long BUSY_RETRY_SECONDS = 2;

    private final ApiContext api;

    AccountRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.post("/api/v1/login").handler(this::login);
        router.post("/api/v1/logout").handler(this::logout);
        router.post("/api/v1/invitations/redeem").handler(this::redeem);
        router.get("/api/v1/me").handler(this::me);
        router.post("/api/v1/me/password").handler(this::changePassword);
        router.post("/api/v1/accounts").handler(this::createAccount);
        router.post("/api/v1/accounts/:account/disable").handler(ctx -> setDisabled(ctx, true));
        router.post("/api/v1/accounts/:account/enable").handler(ctx -> setDisabled(ctx, false));
        router.put("/api/v1/landlords/:landlord/buildings/:building").handler(this::assignBuilding);
    }

    /** The slow hash on the bounded pool at the client's priority; a full pool answers 503 with Retry-After. */
    private <T> Future<T> hashed(RoutingContext ctx, int priority, Callable<T> work) {
        return Http.on(ctx, api.hashes().submit(priority, work));
    }

    private static boolean busy(RoutingContext ctx, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HashPool.Busy) {
            heldThenAnswered(ctx, HOLD_REFUSAL_MILLIS, left -> {
                long seconds = Math.max(1, BUSY_RETRY_SECONDS - left);
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                Http.json(ctx, 503, new JsonObject().put("code", "landlord.account.busy")
                        .put("error", Http.say(ctx, "landlord.account.busy", "seconds", seconds)).put("retryAfterSeconds", seconds));
            });
            return true;
        }
        return false;
    }

    /** True if this (login, address) may try now; otherwise 429 with Retry-After. Its priority in {@code priority[0]}. */
    private boolean mayTry(RoutingContext ctx, String login, String address, int[] priority) {
        SignInThrottle.Decision d = api.signIns().attempt(login, address);
        if (d instanceof SignInThrottle.Decision.Limited limited) {
            // the throttle's two limits: this login from this address, or this address whatever the login
            String code = limited.reason().startsWith("wrong passwords for this login") ? "landlord.account.slowed"
                    : "landlord.account.tooMany";
            long wait = limited.seconds();
            heldThenAnswered(ctx, Math.min(HOLD_REFUSAL_MILLIS, limited.retryAfter().toMillis()), left -> {
                long seconds = Math.max(1, wait - left);
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                Http.json(ctx, 429, new JsonObject().put("code", code).put("error", Http.say(ctx, code, "seconds", seconds))
                        .put("retryAfterSeconds", seconds));
            });
            return false;
        }
        priority[0] = ((SignInThrottle.Decision.Allowed) d).priority();
        return true;
    }

    /**
     * Answers a refusal after {@code millis} (the whole seconds held passed on): a flood asks again
     * the moment it is answered, and a refusal held a moment costs a timer, where answering at once
     * cost the park thousands of answers a second beside a person's hash.
     */
    private static void heldThenAnswered(RoutingContext ctx, long millis, LongConsumer answer) {
        ctx.vertx().setTimer(Math.max(1, millis), t -> {
            if (!ctx.response().closed()) {
                answer.accept(millis / 1000);
            }
        });
    }

    /** True after a 400 saying what is wrong with a new password (in the caller's language); false if it will do. */
    private static boolean weak(RoutingContext ctx, String password, String login) {
        Optional<PasswordPolicy.Weakness> weak = PasswordPolicy.weakness(password, login);
        weak.ifPresent(w -> Http.json(ctx, 400, new JsonObject().put("code", w.code()).put("field", "password")
                .put("error", Http.say(ctx, "landlord.account.weak", "problem", Http.say(ctx, w.code(), "min",
                        PasswordPolicy.MIN_LENGTH, "max", PasswordPolicy.MAX_LENGTH)))));
        return weak.isPresent();
    }

    /** What checking a signed-in person's password again came to. */
    enum Recheck { RIGHT, WRONG, ANSWERED }

    /**
     * Checks {@code a}'s password again, as a sign-in does: the same limits per (login, address)
     * and per address (429 answered), the same slow hash on the same pool (503 answered when it is
     * full); a wrong password counts as a failed sign-in. ANSWERED: the caller must not answer.
     */
    Future<Recheck> recheck(RoutingContext ctx, PeopleStore.Account a, String password) {
        String address = api.clients().of(ctx.request());
        int[] priority = {0};
        if (!mayTry(ctx, a.login(), address, priority)) {
            return Future.succeededFuture(Recheck.ANSWERED);
        }
        return hashed(ctx, priority[0], () -> !a.passwordHash().isEmpty() && api.hasher().matches(password.toCharArray(),
                a.passwordHash())).map(right -> {
                    if (right) {
                        api.signIns().succeeded(a.login(), address);
                        return Recheck.RIGHT;
                    }
                    api.signIns().failed(a.login(), address);
                    return Recheck.WRONG;
                }).recover(e -> busy(ctx, e) ? Future.succeededFuture(Recheck.ANSWERED) : Future.failedFuture(e));
    }

    private void login(RoutingContext ctx) {
        Optional<JsonObject> body = Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String login = Http.text(ctx, body.get(), "login", 64);
        String password = login == null ? null : Http.text(ctx, body.get(), "password", PasswordPolicy.MAX_LENGTH);
        if (password == null) {
            return;
        }
        String address = api.clients().of(ctx.request());
        int[] priority = {0};
        if (!mayTry(ctx, login, address, priority)) {
            return;
        }
        Http.on(ctx, api.people().accountByLogin(login)).compose(account -> {
            if (account.isPresent() && !account.get().passwordHash().isEmpty()) {
                return hashed(ctx, priority[0], () -> api.hasher().matches(password.toCharArray(), account.get().passwordHash())
                        ? account : Optional.<PeopleStore.Account>empty());
            }
            return nobodys(ctx, password);
        }).onSuccess(account -> {
            if (account.isEmpty()) {
                api.signIns().failed(login, address);
                Http.refuse(ctx, 401, "app.wrongLogin");
                return;
            }
            api.signIns().succeeded(login, address);
            signedIn(ctx, account.get());
        }).onFailure(e -> {
            if (!busy(ctx, e)) {
                Http.unavailable(ctx, e);
            }
        });
    }

    /**
     * A login that does not exist (or has no password yet) is answered wrong after as long as a
     * hash takes here, so timing does not tell which logins exist, but on a timer rather than a
     * core: a flood of made-up names costs the park no hashing. Until a hash has been timed, one
     * is burned for it, behind every real one.
     */
    private Future<Optional<PeopleStore.Account>> nobodys(RoutingContext ctx, String password) {
        Optional<Duration> hashTime = api.hasher().timeOfOne();
        if (hashTime.isEmpty()) {
            return hashed(ctx, HashPool.LAST, () -> {
                api.hasher().burn(password.toCharArray());
                return Optional.empty();
            });
        }
        Promise<Optional<PeopleStore.Account>> answered = Promise.promise();
        ctx.vertx().setTimer(Math.max(1, hashTime.get().toMillis()), t -> answered.complete(Optional.empty()));
        return answered.future();
    }

    /** Opens a session for the account and answers its token (or why not). */
    private void signedIn(RoutingContext ctx, PeopleStore.Account a) {
        Http.on(ctx, api.tokens().open(new Principal(a.id(), a.role()))).onSuccess(opened -> {
            if (opened instanceof Sessions.Opened.Token t) {
                Http.json(ctx, 200, new JsonObject().put("token", t.token()).put("account", a.id()).put("login", a.login())
                        .put("role", a.role().name().toLowerCase(Locale.ROOT)).put("name", a.displayName())
                        .put("expiresAt", java.time.Instant.ofEpochMilli(t.expiresAt()).toString()));
            } else {
                Http.refuse(ctx, 403, ((Sessions.Opened.Refused) opened).reason().startsWith("this account is disabled")
                        ? "landlord.account.disabled" : "landlord.account.gone");
            }
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** Ends the session of the token sent; its other sessions (another phone) go on. */
    private void logout(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.values()).isEmpty()) {
            return;
        }
        Http.on(ctx, api.tokens().signOut(Http.bearer(ctx)))
                .onSuccess(ended -> Http.json(ctx, 200, new JsonObject().put("signedOut", true)))
                .onFailure(e -> Http.unavailable(ctx, e));
    }

    /** A new renter's first sign-in: the landlord's invitation code and the password they chose. */
    private void redeem(RoutingContext ctx) {
        Optional<JsonObject> body = Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String code = Http.text(ctx, body.get(), "code", 32);
        String password = code == null ? null : Http.text(ctx, body.get(), "password", PasswordPolicy.MAX_LENGTH);
        if (password == null) {
            return;
        }
        if (weak(ctx, password, null)) {
            return;
        }
        String address = api.clients().of(ctx.request());
        int[] priority = {0};
        // a code is guessed per address like a password: "invitation" stands in for the login
        if (!mayTry(ctx, "invitation", address, priority)) {
            return;
        }
        hashed(ctx, priority[0], () -> api.hasher().hash(password.toCharArray()))
                .compose(hash -> Http.on(ctx, api.invitations().redeem(Invitations.hash(code), api.tokens().now(), hash)))
                .compose(account -> account.isEmpty() ? Future.succeededFuture(Optional.<PeopleStore.Account>empty())
                        : Http.on(ctx, api.people().account(account.get())))
                .onSuccess(account -> {
                    if (account.isEmpty()) {
                        api.signIns().failed("invitation", address);
                        Http.refuse(ctx, 400, "landlord.account.badInvitation");
                        return;
                    }
                    api.signIns().succeeded("invitation", address);
                    signedIn(ctx, account.get());
                }).onFailure(e -> {
                    if (!busy(ctx, e)) {
                        Http.unavailable(ctx, e);
                    }
                });
    }

    private void me(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.values()).ifPresent(who -> Http.on(ctx, api.people().account(who.accountId()))
                .onSuccess(a -> Http.json(ctx, 200, new JsonObject().put("account", who.accountId())
                        .put("login", a.map(PeopleStore.Account::login).orElse(""))
                        .put("role", who.role().name().toLowerCase(Locale.ROOT))
                        .put("name", a.map(PeopleStore.Account::displayName).orElse(""))))
                .onFailure(e -> Http.unavailable(ctx, e)));
    }

    /** {current, password}: the current password again, then the new one; every session ends, this caller gets a new one. */
    private void changePassword(RoutingContext ctx) {
        Optional<Principal> who = Http.require(ctx, api.tokens(), Role.values());
        Optional<JsonObject> body = who.isEmpty() ? Optional.empty() : Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String current = Http.text(ctx, body.get(), "current", PasswordPolicy.MAX_LENGTH);
        String password = current == null ? null : Http.text(ctx, body.get(), "password", PasswordPolicy.MAX_LENGTH);
        if (password == null) {
            return;
        }
        String address = api.clients().of(ctx.request());
        Http.on(ctx, api.people().account(who.get().accountId())).onSuccess(account -> {
            if (account.isEmpty()) {
                Http.refuse(ctx, 401, "landlord.account.gone");
                return;
            }
            PeopleStore.Account a = account.get();
            if (weak(ctx, password, a.login())) {
                return;
            }
            int[] priority = {0};
            if (!mayTry(ctx, a.login(), address, priority)) {
                return;
            }
            hashed(ctx, priority[0], () -> api.hasher().matches(current.toCharArray(), a.passwordHash())
                    ? Optional.of(api.hasher().hash(password.toCharArray())) : Optional.<String>empty())
                    .onSuccess(hash -> {
                        if (hash.isEmpty()) {
                            api.signIns().failed(a.login(), address);
                            Http.refuse(ctx, 403, "landlord.account.wrongCurrent");
                            return;
                        }
                        api.signIns().succeeded(a.login(), address);
                        Http.on(ctx, api.sessions().setPassword(a.id(), hash.get()))
                                .onSuccess(v -> signedIn(ctx, a)).onFailure(e -> Http.unavailable(ctx, e));
                    }).onFailure(e -> {
                        if (!busy(ctx, e)) {
                            Http.unavailable(ctx, e);
                        }
                    });
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void createAccount(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.ADMIN).isEmpty()) {
            return;
        }
        Optional<JsonObject> body = Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String login = Http.text(ctx, body.get(), "login", 64);
        String name = login == null ? null : Http.text(ctx, body.get(), "name", 64);
        String password = name == null ? null : Http.text(ctx, body.get(), "password", PasswordPolicy.MAX_LENGTH);
        String role = password == null ? null : Http.text(ctx, body.get(), "role", 16);
        if (role == null) {
            return;
        }
        if (!LOGIN.matcher(login).matches()) {
            Http.refuse(ctx, 400, "landlord.account.loginForm");
            return;
        }
        if (weak(ctx, password, login)) {
            return;
        }
        Role r;
        try {
            r = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Http.refuse(ctx, 400, "landlord.account.role");
            return;
        }
        hashed(ctx, 0, () -> api.hasher().hash(password.toCharArray()))
                .compose(hash -> Http.on(ctx, api.people().createAccount(login, r, name, hash)))
                .onSuccess(created -> {
                    if (created.isEmpty()) {
                        Http.refuse(ctx, 409, "landlord.account.taken", "login", login);
                    } else {
                        Http.json(ctx, 201, new JsonObject().put("account", created.get().id()).put("login", login)
                                .put("role", role));
                    }
                }).onFailure(e -> {
                    if (!busy(ctx, e)) {
                        Http.unavailable(ctx, e);
                    }
                });
    }

    /** Disabling ends every session of the account at once and refuses its sign-ins; enabling lets it sign in again. */
    private void setDisabled(RoutingContext ctx, boolean disabled) {
        Optional<Principal> admin = Http.require(ctx, api.tokens(), Role.ADMIN);
        if (admin.isEmpty()) {
            return;
        }
        String account = ctx.pathParam("account");
        if (disabled && account.equals(admin.get().accountId())) {
            Http.refuse(ctx, 409, "landlord.account.selfDisable");
            return;
        }
        Http.on(ctx, api.sessions().setDisabled(account, disabled, api.tokens().now())).onSuccess(found -> {
            if (found) {
                Http.json(ctx, 200, new JsonObject().put("account", account).put("disabled", disabled));
            } else {
                Http.refuse(ctx, 404, "landlord.account.none", "account", Http.abbreviated(account));
            }
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void assignBuilding(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.ADMIN).isEmpty()) {
            return;
        }
        String building = ctx.pathParam("building");
        if (api.buildings().building(building).isEmpty()) {
            Http.refuse(ctx, 404, "landlord.account.noBuilding", "building", Http.abbreviated(building));
            return;
        }
        String landlord = ctx.pathParam("landlord");
        Http.on(ctx, api.people().account(landlord)).compose(a -> {
            if (a.isEmpty() || a.get().role() != Role.LANDLORD) {
                return io.vertx.core.Future.succeededFuture(false);
            }
            return Http.on(ctx, api.people().assignBuilding(landlord, building)).map(x -> true);
        }).onSuccess(ok -> {
            if (ok) {
                Http.json(ctx, 200, new JsonObject().put("landlord", landlord).put("building", building));
            } else {
                Http.refuse(ctx, 404, "landlord.account.noLandlord", "landlord", Http.abbreviated(landlord));
            }
        }).onFailure(e -> Http.unavailable(ctx, e));
    }
}
