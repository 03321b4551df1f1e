package org.anju.agent.coap;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.anju.profiles.model.WirelessLockProfile;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * What a request to the locks' resources means: the DTLS identity says which lock is asking (a
 * lock can only ever speak for itself), its profile says what the path is for, the codec reads
 * the payload, and the rules and the lock take the result. Anything refused is answered with a
 * 4.xx code and the reason, and changes nothing.
 */
final class LockRoutes {
    /** Where every lock registers, whatever its profile. */
    static final String REGISTER = "/register";

    /** A lock the site binds to a door, with the paths its profile gives it. */
    record Bound(WirelessLock lock, WirelessLockProfile profile) {
    }

    private enum Role { REGISTER, STATE, BATTERY, COMMAND }

    /** Who asks (by DTLS identity) and what the path is for them. */
    private record Route(Bound bound, Role role) {
    }

    private final Map<String, Bound> byEndpoint = new ConcurrentHashMap<>();
    private final LockHealth health;
    private final Supplier<Instant> clock;
    private final Consumer<LockNotice> notices;

    LockRoutes(LockHealth health, Supplier<Instant> clock, Consumer<LockNotice> notices) {
        this.health = health;
        this.clock = clock;
        this.notices = notices;
    }

    void bind(WirelessLock lock, WirelessLockProfile profile) {
        byEndpoint.put(lock.endpoint(), new Bound(lock, profile));
    }

    void get(LockResource resource, CoapExchange exchange) {
        Optional<Route> route = route(resource, exchange);
        if (route.isEmpty()) {
            return;
        }
        Bound bound = route.get().bound();
        Role role = route.get().role();
        if (role != Role.COMMAND) {
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, "PUT or POST your " + role.name().toLowerCase(java.util.Locale.ROOT)
                    + " here; GET (observe) is for " + bound.profile().resources().command());
            return;
        }
        exchange.respond(ResponseCode.CONTENT, LockPayloads.command(bound.lock().command()), MediaTypeRegistry.APPLICATION_JSON);
    }

    void report(LockResource resource, CoapExchange exchange) {
        Optional<Route> route = route(resource, exchange);
        if (route.isEmpty()) {
            return;
        }
        Bound bound = route.get().bound();
        Role role = route.get().role();
        WirelessLock lock = bound.lock();
        int format = exchange.getRequestOptions().getContentFormat();
        byte[] payload = exchange.getRequestPayload();
        if (role == Role.REGISTER) {
            LockPayloads.Read<LockMessage.Registration> read = LockPayloads.registration(format, payload);
            if (refused(read, exchange)) {
                return;
            }
            LockMessage.Registration r = ((LockPayloads.Read.Ok<LockMessage.Registration>) read).message();
            if (!r.endpoint().equals(lock.endpoint())) {
                exchange.respond(ResponseCode.FORBIDDEN, "endpoint '" + r.endpoint() + "' is not this session's DTLS identity '"
                        + lock.endpoint() + "'; a lock registers as itself");
                return;
            }
            publish(health.heard(lock.endpoint(), clock.get()));
            notices.accept(new LockNotice.Registered(lock.endpoint(), lock.door(), r.firmware()));
            WirelessLockProfile profile = bound.profile();
            exchange.respond(ResponseCode.CREATED, LockPayloads.registered(lock.door(), profile.reportInterval().toSeconds(),
                    profile.resources().command()), MediaTypeRegistry.APPLICATION_JSON);
        } else if (role == Role.STATE) {
            LockPayloads.Read<LockMessage.StateReport> read = LockPayloads.state(format, payload);
            if (refused(read, exchange)) {
                return;
            }
            LockMessage.StateReport s = ((LockPayloads.Read.Ok<LockMessage.StateReport>) read).message();
            Instant now = clock.get();
            publish(s.batteryPercent().map(p -> health.battery(lock.endpoint(), p, now)).orElseGet(() -> health.heard(lock.endpoint(), now)));
            lock.reported(s);
            exchange.respond(ResponseCode.CHANGED);
        } else if (role == Role.BATTERY) {
            LockPayloads.Read<LockMessage.BatteryReport> read = LockPayloads.battery(format, payload);
            if (refused(read, exchange)) {
                return;
            }
            int percent = ((LockPayloads.Read.Ok<LockMessage.BatteryReport>) read).message().batteryPercent();
            publish(health.battery(lock.endpoint(), percent, clock.get()));
            exchange.respond(ResponseCode.CHANGED);
        } else {
            exchange.respond(ResponseCode.METHOD_NOT_ALLOWED, "observe (GET) " + resource.getURI() + " for commands; "
                    + "PUT your state to " + bound.profile().resources().state());
        }
    }

    private void publish(List<LockNotice> list) {
        list.forEach(notices);
    }

    private static boolean refused(LockPayloads.Read<?> read, CoapExchange exchange) {
        if (read instanceof LockPayloads.Read.Refused<?> r) {
            exchange.respond(r.code(), r.reason());
            return true;
        }
        return false;
    }

    /** The lock asking and what the path is for it, or the request answered 4.01, 4.03 or 4.04. */
    private Optional<Route> route(LockResource resource, CoapExchange exchange) {
        return caller(exchange).flatMap(bound -> role(resource, bound, exchange).map(role -> new Route(bound, role)));
    }

    /** The lock behind the request's DTLS session, or the request answered 4.01/4.03. */
    private Optional<Bound> caller(CoapExchange exchange) {
        Optional<String> identity = identity(exchange.advanced());
        if (identity.isEmpty()) {
            exchange.respond(ResponseCode.UNAUTHORIZED, "no DTLS pre-shared-key identity; locks talk DTLS-PSK");
            return Optional.empty();
        }
        Bound bound = byEndpoint.get(identity.get());
        if (bound == null) {
            exchange.respond(ResponseCode.FORBIDDEN, "no door of this site has the wireless lock '" + identity.get() + "'");
            return Optional.empty();
        }
        return Optional.of(bound);
    }

    private static Optional<Role> role(LockResource resource, Bound bound, CoapExchange exchange) {
        String path = resource.getURI();
        WirelessLockProfile.Resources paths = bound.profile().resources();
        if (path.equals(REGISTER)) {
            return Optional.of(Role.REGISTER);
        } else if (path.equals(paths.state())) {
            return Optional.of(Role.STATE);
        } else if (path.equals(paths.battery())) {
            return Optional.of(Role.BATTERY);
        } else if (path.equals(paths.command())) {
            return Optional.of(Role.COMMAND);
        }
        exchange.respond(ResponseCode.NOT_FOUND, path + " is not a path of profile " + bound.profile().id() + "; its paths are "
                + REGISTER + ", " + paths.state() + ", " + paths.battery() + " and " + paths.command());
        return Optional.empty();
    }

    static Optional<String> identity(Exchange exchange) {
        Principal peer = exchange.getRequest().getSourceContext().getPeerIdentity();
        return peer instanceof PreSharedKeyIdentity psk ? Optional.of(psk.getIdentity()) : Optional.empty();
    }

    Map<String, Bound> bound() {
        return byEndpoint;
    }
}
