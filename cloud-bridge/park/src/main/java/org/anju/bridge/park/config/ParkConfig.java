package org.anju.bridge.park.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The park bridge's configuration, from {@code park.yaml} ({@link ParkConfigLoader}). Secrets are
 * never in the file, only where to read them: key files and password files.
 *
 * @param park      the park's id, as in the gateways' MQTT topics
 * @param instance  this bridge instance's name; several instances of one park share the load
 * @param broker    the park's MQTT broker
 * @param store     where people, leases and what the gateways reported are kept
 * @param http      where the API listens
 * @param keys      the park's command-signing key, the key that seals ID numbers, the session key
 * @param buildings the buildings {@code park.yaml} still lists: each is imported into the park store once
 *                  (the store's directory of buildings is what the bridge reads; the admin manages it)
 * @param admin     the first administrator's login, created at the first start if missing
 * @param timeZone  the park's time zone: every time a page shows is in it, 24-hour
 * @param accessHistoryRetention how long an ended renter's access history stays readable by their
 *                  landlord; it is deleted after
 */
public record ParkConfig(String park, String instance, Broker broker, Store store, Http http, Keys keys,
                         List<Building> buildings, Admin admin, java.time.ZoneId timeZone,
                         java.time.Duration accessHistoryRetention) {
    /** Half a year: long enough for a landlord's or the police's questions after a renter left, no longer. */
    public static final int DEFAULT_ACCESS_HISTORY_DAYS = 180;

    public ParkConfig(String park, String instance, Broker broker, Store store, Http http, Keys keys,
                      List<Building> buildings, Admin admin, java.time.ZoneId timeZone) {
        this(park, instance, broker, store, http, keys, buildings, admin, timeZone,
                java.time.Duration.ofDays(DEFAULT_ACCESS_HISTORY_DAYS));
    }

    /** Where the seeds' parks are; a park elsewhere says so in {@code timeZone}. */
    public static final java.time.ZoneId DEFAULT_TIME_ZONE = java.time.ZoneId.of("Asia/Shanghai");


    /**
     * @param shared   subscribe to events and telemetry through an MQTT 5 shared subscription, so several
     *                 instances split them; off only with protocol 3.1.1 (one instance)
     * @param protocol {@code mqtt5} (the default), or {@code mqtt311} for Moquette 0.17, the demo's embedded
     *                 broker, which speaks nothing newer
     * @param live     the second connection's broker user and password file (what a person waits for: alarms,
     *                 command replies, presence, receipts and commands, ahead of any backlog)
     * @param receiveMaximum how many messages the bulk connection holds unacknowledged at most; the broker keeps
     *                 the rest of a backlog
     * @param gatewayUri the broker's URL as the gateways reach it, handed to each at enrollment; empty: {@code uri}
     * @param dynsec   Mosquitto's dynamic security admin, with which the park makes each enrolling gateway's
     *                 broker account; empty: the installer makes them
     */
    public record Broker(String uri, Optional<String> username, Optional<Path> passwordFile, Optional<Path> caFile,
                         boolean shared, String protocol, Live live, int receiveMaximum, Optional<String> gatewayUri,
                         Optional<Dynsec> dynsec) {
        public static final int DEFAULT_RECEIVE_MAXIMUM = 128;

        public Broker(String uri, Optional<String> username, Optional<Path> passwordFile, Optional<Path> caFile,
                      boolean shared, String protocol, Live live, int receiveMaximum) {
            this(uri, username, passwordFile, caFile, shared, protocol, live, receiveMaximum, Optional.empty(), Optional.empty());
        }

        public Broker(String uri, Optional<String> username, Optional<Path> passwordFile, Optional<Path> caFile,
                      boolean shared, String protocol) {
            this(uri, username, passwordFile, caFile, shared, protocol, new Live(Optional.empty(), Optional.empty()),
                    DEFAULT_RECEIVE_MAXIMUM);
        }

        /** The live connection's user: its own, else the bulk one's with {@code -live} appended; none when anonymous. */
        public Optional<String> liveUsername() {
            return live.username().or(() -> username.map(u -> u + "-live"));
        }

        /** The live connection's password file: its own, else the bulk one's. */
        public Optional<Path> livePasswordFile() {
            return live.passwordFile().or(() -> passwordFile);
        }
    }

    /** {@code broker.dynsec}: the dynamic security plugin's admin user and the file with its password. */
    public record Dynsec(String adminUser, Path adminPasswordFile) {
    }

    /** {@code broker.live}: the live connection's own broker user, when not {@code USERNAME-live} with the same password. */
    public record Live(Optional<String> username, Optional<Path> passwordFile) {
    }

    public sealed interface Store {
        record Sqlite(Path file) implements Store {
        }

        record Postgres(String url, String user, Path passwordFile) implements Store {
        }
    }

    /**
     * @param doorOpensPerMinute how many doors one tenant may open a minute through the API (a burst of as many, then evenly)
     * @param tls                HTTPS with this certificate chain and key (PEM), reloaded when the files change or on SIGHUP;
     *                           empty for plain HTTP (behind a reverse proxy that terminates TLS, or on loopback)
     * @param trustedProxies     addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed
     * @param publicUrl          the address people reach the pages at (for invitation links and QR codes); empty: from
     *                           each request's Host
     * @param metricsFrom        client addresses (beside this machine's loopback) that may read {@code /metrics}
     */
    public record Http(String bind, int port, int doorOpensPerMinute, Optional<Tls> tls, List<String> trustedProxies,
                       Optional<String> publicUrl, List<String> metricsFrom) {
        public static final int DEFAULT_DOOR_OPENS_PER_MINUTE = 10;

        public Http(String bind, int port, int doorOpensPerMinute) {
            this(bind, port, doorOpensPerMinute, Optional.empty(), List.of(), Optional.empty(), List.of());
        }
    }

    /** @param certFile the server's certificate chain, PEM, leaf first; @param keyFile its private key, PEM (PKCS#8 or PKCS#1) */
    public record Tls(Path certFile, Path keyFile) {
    }

    /**
     * @param commandKeyId   the id the gateways know the command key by ({@code park.commandKeys[].id})
     * @param commandKeyFile the Ed25519 private key (PEM, PKCS#8) that signs commands
     * @param dataKeyFile    64 hex digits: the AES-256 key that seals ID numbers at rest
     * @param sessionKeyFile 64 hex digits: the HMAC key of login sessions
     * @param offlinePinKeyFile 64 hex digits shared with every gateway ({@code park.offlinePinKeyFile}):
     *                          tenants' offline PIN keys derive from it; empty for no offline PINs
     */
    public record Keys(String commandKeyId, Path commandKeyFile, Path dataKeyFile, Path sessionKeyFile,
                       Optional<Path> offlinePinKeyFile) {
    }

    /**
     * A building, the gateway that serves it, its doors (room doors name their room) and charging
     * areas, the gateway's public key (the {@code gateway.pub.pem} it wrote at its first start, as
     * PEM text the admin gave, or as a file park.yaml named): nothing from the gateway is believed
     * without it; its lifts (a tenant's phone sends "take me home" to one; the gateway's site file
     * says its floors); and the village it stands in, if the park has villages (the fleet view
     * filters by it).
     */
    public record Building(String id, String name, String gateway, List<Door> doors, List<Area> areas,
                           Optional<Path> gatewayKeyFile, List<String> lifts, Optional<String> village,
                           Optional<String> gatewayKey) {
        /** Ids of buildings, gateways, doors, areas, piles and lifts. */
        public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

        public Building {
            doors = List.copyOf(doors);
            areas = List.copyOf(areas);
            lifts = List.copyOf(lifts);
        }

        public Building(String id, String name, String gateway, List<Door> doors, List<Area> areas,
                        Optional<Path> gatewayKeyFile, List<String> lifts, Optional<String> village) {
            this(id, name, gateway, doors, areas, gatewayKeyFile, lifts, village, Optional.empty());
        }

        public Building(String id, String name, String gateway, List<Door> doors, List<Area> areas,
                        Optional<Path> gatewayKeyFile, List<String> lifts) {
            this(id, name, gateway, doors, areas, gatewayKeyFile, lifts, Optional.empty());
        }

        public Building(String id, String name, String gateway, List<Door> doors, List<Area> areas,
                        Optional<Path> gatewayKeyFile) {
            this(id, name, gateway, doors, areas, gatewayKeyFile, List.of());
        }
    }

    /**
     * A door as people know it: a room's door, the building's entrance, a gate (the lobby's
     * turnstile) or the bike shed's gate ({@code kind}); only entrances take a tenant's guests.
     */
    public record Door(String id, Optional<String> room, String kind) {
        public static final java.util.Set<String> KINDS = java.util.Set.of("entrance", "gate", "shed", "room");

        /** A room's door when it names a room, otherwise an entrance. */
        public Door(String id, Optional<String> room) {
            this(id, room, room.isPresent() ? "room" : "entrance");
        }

        public boolean entrance() {
            return kind.equals("entrance");
        }
    }

    public record Area(String id, List<String> piles) {
        public Area {
            piles = List.copyOf(piles);
        }
    }

    public record Admin(String login, Path passwordFile) {
    }
}
