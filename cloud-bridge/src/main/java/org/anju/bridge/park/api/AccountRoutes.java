package org.anju.bridge.park.api;

import java.util.Optional;

import org.anju.bridge.park.auth.Principal;
import org.anju.bridge.park.auth.Role;
import org.anju.bridge.park.store.PeopleStore;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Signing in, who am I, and the administrator's accounts and landlords' buildings. */
final class AccountRoutes {
    private static final java.util.regex.Pattern LOGIN = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    private final ApiContext api;

    AccountRoutes(ApiContext api) {
        this.api = api;
    }

    void mount(Router router) {
        router.post("/api/v1/login").handler(this::login);
        router.get("/api/v1/me").handler(this::me);
        router.post("/api/v1/accounts").handler(this::createAccount);
        router.put("/api/v1/landlords/:landlord/buildings/:building").handler(this::assignBuilding);
    }

    private void login(RoutingContext ctx) {
        Optional<JsonObject> body = Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String login = Http.text(ctx, body.get(), "login", 64);
        String password = login == null ? null : Http.text(ctx, body.get(), "password", 256);
        if (password == null) {
            return;
        }
        String signInKey = login.toLowerCase(java.util.Locale.ROOT);
        if (!Http.allowed(ctx, api.signIns(), signInKey, "too many sign-in attempts for this login")) {
            return;
        }
        Http.on(ctx, api.people().accountByLogin(login)).compose(account -> ctx.vertx().executeBlocking(() -> {
            // the same slow hash whether or not the login exists: timing does not tell which logins do
            if (account.isEmpty()) {
                api.hasher().burn(password.toCharArray());
                return Optional.<PeopleStore.Account>empty();
            }
            return api.hasher().matches(password.toCharArray(), account.get().passwordHash()) ? account
                    : Optional.<PeopleStore.Account>empty();
        })).onSuccess(account -> {
            if (account.isEmpty()) {
                Http.error(ctx, 401, "wrong login or password");
                return;
            }
            PeopleStore.Account a = account.get();
            api.signIns().forget(signInKey);
            Http.json(ctx, 200, new JsonObject().put("token", api.tokens().issue(new Principal(a.id(), a.role())))
                    .put("account", a.id()).put("role", a.role().name().toLowerCase(java.util.Locale.ROOT))
                    .put("name", a.displayName()));
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void me(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.values()).ifPresent(who -> Http.on(ctx, api.people().account(who.accountId()))
                .onSuccess(a -> Http.json(ctx, 200, new JsonObject().put("account", who.accountId())
                        .put("role", who.role().name().toLowerCase(java.util.Locale.ROOT))
                        .put("name", a.map(PeopleStore.Account::displayName).orElse(""))))
                .onFailure(e -> Http.unavailable(ctx, e)));
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
        String password = name == null ? null : Http.text(ctx, body.get(), "password", 256);
        String role = password == null ? null : Http.text(ctx, body.get(), "role", 16);
        if (role == null) {
            return;
        }
        if (!LOGIN.matcher(login).matches()) {
            Http.error(ctx, 400, "\"login\" is 2 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
            return;
        }
        if (password.length() < 10) {
            Http.error(ctx, 400, "\"password\" must have at least 10 characters");
            return;
        }
        Role r;
        try {
            r = Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            Http.error(ctx, 400, "\"role\" is one of tenant, landlord, officer, admin");
            return;
        }
        ctx.vertx().executeBlocking(() -> api.hasher().hash(password.toCharArray()))
                .compose(hash -> Http.on(ctx, api.people().createAccount(login, r, name, hash)))
                .onSuccess(created -> {
                    if (created.isEmpty()) {
                        Http.error(ctx, 409, "the login '" + login + "' is taken");
                    } else {
                        Http.json(ctx, 201, new JsonObject().put("account", created.get().id()).put("login", login)
                                .put("role", role));
                    }
                }).onFailure(e -> Http.unavailable(ctx, e));
    }

    private void assignBuilding(RoutingContext ctx) {
        if (Http.require(ctx, api.tokens(), Role.ADMIN).isEmpty()) {
            return;
        }
        String building = ctx.pathParam("building");
        if (api.config().building(building).isEmpty()) {
            Http.error(ctx, 404, "no building '" + building + "' in this park");
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
                Http.error(ctx, 404, "no landlord account '" + landlord + "'");
            }
        }).onFailure(e -> Http.unavailable(ctx, e));
    }
}
