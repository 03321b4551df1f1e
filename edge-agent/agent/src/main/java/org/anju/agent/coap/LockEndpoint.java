package org.anju.agent.coap;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.anju.agent.door.DoorRuntime;
import org.anju.agent.door.WirelessLocks;
import org.anju.profiles.model.Door;
import org.anju.profiles.model.Endpoints;
import org.anju.profiles.model.LockBinding;
import org.anju.profiles.model.Site;
import org.anju.profiles.model.WirelessLockProfile;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;

import io.vertx.core.Vertx;

/**
 * The gateway's CoAP endpoint for wireless locks (Californium over Scandium DTLS): one key per
 * lock from the site's key file, the lock's endpoint name as its PSK identity. Only locks that a
 * door of the site names get a key in the handshake's store, so an unknown identity or a wrong
 * key never gets past the handshake. The locks' rules are checked every {@code checkEvery} at the
 * caller's clock; what they decide goes to {@code notices}.
 */
public final class LockEndpoint implements WirelessLocks {
    /** A lock that listens between sleeps hears its notification within a second or two; five leaves room for a resend. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BODY = 1024;

    /** Started, or why not: then no wireless door runs, and every other part of the gateway does. */
    public sealed interface Start {
        record Started(LockEndpoint endpoint) implements Start {
        }

        record Failed(String reason) implements Start {
        }
    }

    private final CoapServer server;
    private final CoapEndpoint coap;
    private final LockRoutes routes;
    private final LockHealth health;
    private final Map<String, Lookup> byDoor;
    private final Vertx vertx;
    private long checkTimer = -1;

    private LockEndpoint(CoapServer server, CoapEndpoint coap, LockRoutes routes, LockHealth health,
                         Map<String, Lookup> byDoor, Vertx vertx) {
        this.server = server;
        this.coap = coap;
        this.routes = routes;
        this.health = health;
        this.byDoor = byDoor;
        this.vertx = vertx;
    }

    public static Start start(Site site, Vertx vertx, Supplier<Instant> clock, Consumer<LockNotice> notices,
                              Duration checkEvery) {
        Endpoints endpoints = site.endpoints();
        if (endpoints.coap().isEmpty() || endpoints.coapPskFile().isEmpty()) {
            return new Start.Failed("the site has no endpoints.coap with a pskFile");
        }
        Path keyFile = endpoints.coapPskFile().get();
        LockKeyFile.Read keys = LockKeyFile.read(keyFile);
        if (keys instanceof LockKeyFile.Read.Refused refused) {
            return new Start.Failed("the locks' key file is refused: " + String.join("; ", refused.problems()));
        }
        Map<String, byte[]> keyOf = ((LockKeyFile.Read.Keys) keys).byIdentity();

        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile()
                .set(CoapConfig.MAX_RESOURCE_BODY_SIZE, MAX_BODY)
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);

        LockHealth health = new LockHealth();
        List<WirelessLock> offlineSinks = new ArrayList<>();
        Consumer<LockNotice> sink = notice -> {
            if (notice instanceof LockNotice.Offline offline) {
                offlineSinks.stream().filter(l -> l.endpoint().equals(offline.device())).forEach(l -> l.wentOffline(offline.reason()));
            }
            notices.accept(notice);
        };
        LockRoutes routes = new LockRoutes(health, clock, sink);
        CoapServer server = new CoapServer(config);
        AdvancedMultiPskStore store = new AdvancedMultiPskStore();
        Map<String, Lookup> byDoor = new LinkedHashMap<>();
        Instant now = clock.get();
        for (Door door : site.doors()) {
            if (!(door.lock() instanceof LockBinding.Wireless w)) {
                continue;
            }
            WirelessLockProfile profile = w.profile();
            byte[] key = keyOf.get(w.endpoint());
            if (profile.security() != WirelessLockProfile.Security.DTLS_PSK) {
                byDoor.put(door.id(), new Unavailable("profile " + profile.id() + " uses dtls-rpk; the CoAP endpoint offers dtls-psk"));
            } else if (profile.contentFormat() != WirelessLockProfile.ContentFormat.JSON) {
                byDoor.put(door.id(), new Unavailable("profile " + profile.id() + " sends cbor; the CoAP endpoint reads JSON (contentFormat: json)"));
            } else if (key == null) {
                byDoor.put(door.id(), new Unavailable("no key for " + w.endpoint() + " in " + keyFile + "; add a line '"
                        + w.endpoint() + ": ' and its hex key"));
            } else {
                store.setKey(w.endpoint(), key);
                Resource command = path(server, profile.resources().command(), routes);
                path(server, profile.resources().state(), routes);
                path(server, profile.resources().battery(), routes);
                WirelessLock lock = new WirelessLock(w.endpoint(), door.id(), profile.commands().contains(WirelessLockProfile.Command.LOCK),
                        COMMAND_TIMEOUT, health, () -> ((LockResource) command).changed(
                                relation -> LockRoutes.identity(relation.getExchange()).filter(w.endpoint()::equals).isPresent()));
                health.watch(w.endpoint(), door.id(), profile.offlineAfter(), profile.reportInterval(), profile.batteryLow(), now);
                routes.bind(lock, profile);
                offlineSinks.add(lock);
                byDoor.put(door.id(), new Ready(lock, COMMAND_TIMEOUT));
            }
        }
        path(server, LockRoutes.REGISTER, routes);

        Endpoints.Endpoint at = endpoints.coap().get();
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(at.bind(), at.port()))
                .setAdvancedPskStore(store)
                .build();
        CoapEndpoint coap = new CoapEndpoint.Builder().setConfiguration(config).setConnector(new DTLSConnector(dtls)).build();
        server.addEndpoint(coap);
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            return new Start.Failed("cannot listen on udp " + at.bind() + ":" + at.port() + ": " + e.getMessage());
        }
        LockEndpoint started = new LockEndpoint(server, coap, routes, health, byDoor, vertx);
        started.checkTimer = vertx.setPeriodic(Math.max(1, checkEvery.toMillis()),
                id -> health.check(clock.get()).forEach(sink));
        return new Start.Started(started);
    }

    /** The resource at {@code path}, made with its parents if it is not there yet. */
    private static Resource path(CoapServer server, String path, LockRoutes routes) {
        Resource at = server.getRoot();
        for (String segment : path.substring(1).split("/")) {
            Resource child = at.getChild(segment);
            if (child == null) {
                child = new LockResource(segment, routes);
                at.add(child);
            }
            at = child;
        }
        return at;
    }

    @Override
    public Lookup lockFor(String doorId, LockBinding.Wireless binding) {
        return byDoor.getOrDefault(doorId, new Unavailable("not a wireless door of this site"));
    }

    /** Feeds each wireless door's sensor from its lock's reports. */
    public void attachDoors(Map<String, DoorRuntime> doors) {
        routes.bound().values().forEach(b -> {
            DoorRuntime door = doors.get(b.lock().door());
            if (door != null) {
                b.lock().attach(door);
            }
        });
    }

    /** The UDP port it listens on (the one the system chose when the site says 0). */
    public int port() {
        return coap.getAddress().getPort();
    }

    public boolean online(String endpoint) {
        return health.online(endpoint);
    }

    public void stop() {
        if (checkTimer >= 0) {
            vertx.cancelTimer(checkTimer);
        }
        server.stop();
        server.destroy();
    }
}
