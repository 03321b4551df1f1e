package org.anju.bridge.park.api;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.anju.bridge.access.SignInThrottle;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.enrollment.BrokerAccounts;
import org.anju.bridge.park.people.Role;
import org.anju.bridge.park.store.BuildingStore;
import org.anju.bridge.park.store.EnrollmentStore;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Enrolling a building's gateway. The admin asks for a code for the building (good once, for
 * {@link #LIFETIME}, shown as text and as a QR code of the command to run on the gateway; a new
 * code voids the earlier one). The gateway ({@code anju agent enroll}) sends it with its public
 * key, without a session: the code is the credential, guessed per address like a password (the
 * sign-in throttle), stored hashed. In return: the park id, its gateway id, the broker's address
 * and the broker account issued for it ({@link BrokerAccounts}), the park's command key; the key
 * becomes the building's gateway key, believed at once. A wrong, used or expired code changes
 * nothing, nor does a broker that did not make the account (the code stays good).
 */
final class EnrollRoutes {
    static final Duration LIFETIME = Duration.ofHours(24);
    /** Stands in for the login in the sign-in throttle: codes are guessed per address. */
    private static final String THROTTLE = "enrollment";
    private static final int CODE_LENGTH = 16;

    private final ApiContext api;
    private final BrokerAccounts accounts;

    EnrollRoutes(ApiContext api) {
        this.api = api;
        this.accounts = BrokerAccounts.of(api.config());
    }

    void mount(Router router) {
        router.post("/api/v1/park/buildings/:building/enrollment").handler(this::issue);
        router.post("/api/v1/enroll").handler(this::enroll);
    }

    private void issue(RoutingContext ctx) {
        Http.require(ctx, api.tokens(), Role.ADMIN).ifPresent(who -> {
            String id = ctx.pathParam("building");
            Optional<BuildingStore.Stored> building = api.buildings().stored(id);
            if (building.isEmpty()) {
                Http.refuse(ctx, 404, "buildings.err.missing", "id", Http.abbreviated(id));
                return;
            }
            String gateway = building.get().building().gateway();
            String code = Invitations.code(CODE_LENGTH);
            long now = api.tokens().now();
            long expires = now + LIFETIME.toMillis();
            String park = Invitations.publicUrl(ctx, api);
            String command = "anju agent enroll --park " + park + " --code " + code;
            Http.on(ctx, api.buildings().issueEnrollment(Invitations.hash(code), new EnrollmentStore.Pending(id, gateway),
                            who.accountId(), now, expires))
                    .onSuccess(v -> Http.json(ctx, 201, new JsonObject().put("building", id).put("gateway", gateway)
                            .put("code", code).put("expiresAt", Instant.ofEpochMilli(expires).toString()).put("park", park)
                            .put("command", command).put("qr", Invitations.qrDataUri(command))))
                    .onFailure(e -> Http.unavailable(ctx, e));
        });
    }

    private void enroll(RoutingContext ctx) {
        String address = api.clients().of(ctx.request());
        if (api.signIns().attempt(THROTTLE, address) instanceof SignInThrottle.Decision.Limited limited) {
            ctx.response().putHeader("Retry-After", Long.toString(limited.seconds()));
            Http.json(ctx, 429, new JsonObject().put("code", "enroll.err.tooMany")
                    .put("error", Http.say(ctx, "enroll.err.tooMany", "seconds", limited.seconds()))
                    .put("retryAfterSeconds", limited.seconds()));
            return;
        }
        Optional<JsonObject> body = Http.body(ctx);
        if (body.isEmpty()) {
            return;
        }
        String code = Http.text(ctx, body.get(), "code", 64);
        if (code == null) {
            return;
        }
        Object pem = body.get().getValue("publicKey");
        PublicKey key;
        try {
            if (!(pem instanceof String text) || text.length() > 4096) {
                throw new IllegalArgumentException("not a PEM text");
            }
            key = Ed25519Keys.publicFromPem(text, "publicKey");
        } catch (IllegalArgumentException e) {
            Http.refuse(ctx, 400, "enroll.err.key");
            return;
        }
        String hash = Invitations.hash(code);
        long now = api.tokens().now();
        Http.on(ctx, inTurn(() -> api.buildings().enrollment(hash, now).thenCompose(pending -> {
            if (pending.isEmpty()) {
                return CompletableFuture.completedFuture(new Enrolled(Optional.empty(), null));
            }
            Topics gateway = new Topics(api.config().park(), pending.get().gateway());
            return accounts.issue(gateway).thenCompose(issued -> issued instanceof BrokerAccounts.Issued.Failed
                    ? CompletableFuture.completedFuture(new Enrolled(Optional.empty(), issued))
                    : api.buildings().enroll(hash, Ed25519Keys.toPem(key), now, address).thenApply(used -> new Enrolled(used, issued)));
        }))).onSuccess(enrolled -> {
            if (enrolled.issued() instanceof BrokerAccounts.Issued.Failed failed) {
                Http.json(ctx, 503, new JsonObject().put("code", "enroll.err.broker")
                        .put("error", Http.say(ctx, "enroll.err.broker")).put("detail", failed.reason()));
            } else if (enrolled.used().isEmpty()) {
                api.signIns().failed(THROTTLE, address);
                Http.refuse(ctx, 400, "enroll.err.code");
            } else {
                api.signIns().succeeded(THROTTLE, address);
                Http.json(ctx, 200, answer(ctx, enrolled.used().get(), enrolled.issued()));
            }
        }).onFailure(e -> Http.unavailable(ctx, e));
    }

    /** What an enrollment came to: the building and gateway enrolled (empty: the code was not good) and the broker account. */
    private record Enrolled(Optional<EnrollmentStore.Pending> used, BrokerAccounts.Issued issued) {
    }

    /**
     * Runs enrollments one after another on this instance: two gateways racing with one code must
     * not both have a broker account made (the second would replace the first's password) while
     * only one of them enrolls. Nothing waits on a thread meanwhile.
     */
    private synchronized <T> CompletableFuture<T> inTurn(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> mine = lane.handle((v, e) -> null).thenCompose(v -> work.get());
        lane = mine;
        return mine;
    }

    private CompletableFuture<?> lane = CompletableFuture.completedFuture(null);

    /** What the gateway's site file needs, and whether the broker account was made for it. */
    private JsonObject answer(RoutingContext ctx, EnrollmentStore.Pending enrolled, BrokerAccounts.Issued issued) {
        var broker = api.config().broker();
        JsonObject b = new JsonObject().put("uri", broker.gatewayUri().orElse(broker.uri())).put("protocol", broker.protocol());
        if (issued instanceof BrokerAccounts.Issued.Credentials c) {
            b.put("credentials", "issued").put("username", c.username()).put("password", c.password());
        } else if (issued instanceof BrokerAccounts.Issued.NotConfigured n) {
            b.put("credentials", "not-issued").put("username", n.username())
                    .put("note", Http.say(ctx, "enroll.brokerNotIssued", "user", n.username()));
        }
        return new JsonObject().put("park", api.config().park()).put("building", enrolled.building())
                .put("gateway", enrolled.gateway()).put("broker", b)
                .put("commandKeys", new JsonArray().add(new JsonObject().put("id", api.passes().keyId())
                        .put("publicKey", api.passes().publicKeyPem())));
    }
}
