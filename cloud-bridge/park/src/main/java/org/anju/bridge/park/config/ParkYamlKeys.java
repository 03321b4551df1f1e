package org.anju.bridge.park.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every key of {@code park.yaml}: what the loader accepts ({@link ParkConfigLoader} refuses any
 * other, naming these) and the reference INSTALL.md carries, rendered from this one list so the
 * two cannot drift ({@code ParkYamlReferenceTest}).
 */
public final class ParkYamlKeys {
    /** One key: its dotted path ({@code []} for a list's items), its default or "required", what it is for. */
    public record Key(String path, String byDefault, String meaning) {
        String parent() {
            int dot = path.lastIndexOf('.');
            return dot < 0 ? "" : path.substring(0, dot);
        }

        String name() {
            return path.substring(path.lastIndexOf('.') + 1).replace("[]", "");
        }
    }

    static final String REQUIRED = "**required**";

    public static final List<Key> KEYS = List.of(
            new Key("park", REQUIRED, "the park's id, as in the gateways' MQTT topics (`anju/v1/PARK/...`)"),
            new Key("instance", "`bridge-1`", "this instance's name; instances of one park share the load, each with its own name"),
            new Key("timeZone", "`Asia/Shanghai`", "the park's time zone: the pages show every time in it, 24-hour"),
            new Key("retention", "", "how long the park keeps what it need not keep for ever"),
            new Key("retention.accessHistoryDays", "`180`", "days an ended renter's access history (granted and denied"
                    + " door attempts) stays readable by their landlord; it is deleted after"),
            new Key("broker", REQUIRED, "the park's MQTT broker"),
            new Key("broker.uri", REQUIRED, "`ssl://HOST:8883` (TLS; the certificate must name HOST) or `tcp://HOST:1883`"),
            new Key("broker.username", "anonymous", "this instance's own broker user (also its client id): one per instance"),
            new Key("broker.passwordFile", "none", "the file with that user's password on its first line, readable by the bridge only"),
            new Key("broker.caFile", "the JVM's CAs", "the CA (PEM) that signed the broker's certificate"),
            new Key("broker.shared", "`true`", "events and telemetry through an MQTT 5 shared subscription, so instances split them;"
                    + " `false` only with `mqtt311` and one instance"),
            new Key("broker.protocol", "`mqtt5`", "`mqtt311` only for Moquette (the demo's embedded broker), which speaks nothing newer"),
            new Key("broker.receiveMaximum", "`128`", "how many messages the bridge holds unacknowledged at most; the broker"
                    + " keeps the rest of a backlog, so memory stays flat"),
            new Key("broker.live", "", "the second connection, for what a person waits for (alarms, access events, command replies, gateways"
                    + " coming and going, receipts, commands), so none of it queues behind a backlog"),
            new Key("broker.live.username", "`USERNAME-live`; anonymous without `username`",
                    "its own broker user (also its client id)"),
            new Key("broker.live.passwordFile", "`passwordFile`", "the file with that user's password on its first line"),
            new Key("broker.gatewayUri", "`uri`", "the broker's URL as the gateways reach it, handed to each gateway when it enrolls"),
            new Key("broker.dynsec", "none: the installer makes each gateway's broker user",
                    "Mosquitto's dynamic security plugin: the park makes each enrolling gateway's broker user, with a random"
                    + " password handed to the gateway once and a role that allows exactly its own topics"),
            new Key("broker.dynsec.adminUser", REQUIRED, "the plugin's admin user (`mosquitto_ctrl dynsec init`)"),
            new Key("broker.dynsec.adminPasswordFile", REQUIRED, "the file with its password on the first line, readable by the bridge only"),
            new Key("store", REQUIRED, "exactly one of `sqlite` and `postgres`"),
            new Key("store.sqlite", "", "the SQLite file, for one instance"),
            new Key("store.postgres", "", "PostgreSQL, for several instances"),
            new Key("store.postgres.url", REQUIRED, "`jdbc:postgresql://HOST:5432/DATABASE`"),
            new Key("store.postgres.user", REQUIRED, "the database user"),
            new Key("store.postgres.passwordFile", REQUIRED, "the file with its password on the first line"),
            new Key("http", "", "where the API and pages listen"),
            new Key("http.bind", "`127.0.0.1`", "the address"),
            new Key("http.port", "`8090`", "the port; 0 takes a free one, printed at start"),
            new Key("http.doorOpensPerMinute", "`10`", "how many doors one tenant may open a minute (a burst of as many, then evenly)"),
            new Key("http.tls", "none: plain HTTP, only on 127.x or behind a listed proxy",
                    "HTTPS with this certificate; a renewed one is read on SIGHUP"),
            new Key("http.tls.certFile", REQUIRED, "the server certificate chain (PEM)"),
            new Key("http.tls.keyFile", REQUIRED, "its private key (PEM)"),
            new Key("http.trustedProxies", "none", "addresses of reverse proxies whose X-Forwarded-For and -Proto count"),
            new Key("http.metricsFrom", "none: this machine only", "client addresses that may read `/metrics` beside this machine's loopback"),
            new Key("http.publicUrl", "none", "the address people reach the park at (http(s), no path), for links such as invitations"),
            new Key("keys", REQUIRED, "the park's secrets, as files; never the secrets themselves"),
            new Key("keys.commandKeyId", REQUIRED, "the id the gateways know the command key by (their `park.commandKeys[].id`)"),
            new Key("keys.commandKeyFile", REQUIRED, "the Ed25519 private key (PEM) that signs commands, passes and delivery receipts"),
            new Key("keys.dataKeyFile", REQUIRED, "64 hex digits: the AES-256 key that seals ID numbers at rest"),
            new Key("keys.sessionKeyFile", REQUIRED, "64 hex digits: the HMAC key of login sessions"),
            new Key("keys.offlinePinKeyFile", "none: no offline PINs", "64 hex digits shared with every gateway for tenants' offline PINs"),
            new Key("admin", "none", "the first administrator, created at the first start if missing"),
            new Key("admin.login", REQUIRED, "the login"),
            new Key("admin.passwordFile", REQUIRED, "the file with the first password"),
            new Key("buildings", "none", "buildings to import into the park store: each once, at the first start that finds it"
                    + " not imported before; later starts neither overwrite what the admin changed since nor bring back what the"
                    + " admin deleted. The park's buildings are in the store, managed on `buildings.html` (`/api/v1/park/buildings`);"
                    + " the list may be left out once imported"),
            new Key("buildings[].id", REQUIRED, "the building's id"),
            new Key("buildings[].name", "the id", "its name for people"),
            new Key("buildings[].village", "none", "the village it stands in, as people name it; the fleet view filters by it"),
            new Key("buildings[].gateway", REQUIRED, "the id of the gateway that serves it (one gateway per building)"),
            new Key("buildings[].gatewayKeyFile", "none: nothing from the gateway is believed",
                    "the gateway's public key (the `gateway.pub.pem` it wrote at its first start); read again while missing"),
            new Key("buildings[].doors", "none", "its doors"),
            new Key("buildings[].doors[].id", REQUIRED, "the door's id, as in the gateway's site file"),
            new Key("buildings[].doors[].room", "none", "the room a room door opens"),
            new Key("buildings[].doors[].kind", "`entrance` (`room` with a room)", "how people know the door: `entrance` (the building's; guest passes open these), `gate` (the lobby's turnstile) or `shed` (the bike shed's gate)"),
            new Key("buildings[].areas", "none", "its charging areas"),
            new Key("buildings[].areas[].id", REQUIRED, "the area's id"),
            new Key("buildings[].areas[].piles", REQUIRED, "the ids of the piles in it, and of the relay boards of its metered sockets (each board is the pile of its sockets)"),
            new Key("buildings[].lifts", "none", "its lifts, for tenants' \"take me home\" and the officer's restore after a fire"),
            new Key("buildings[].lifts[].id", REQUIRED, "the lift's id, as in the gateway's site file"));

    private ParkYamlKeys() {
    }

    /** The keys allowed directly under {@code parent} ({@code ""} for the top, {@code buildings[]} for a building). */
    public static Set<String> children(String parent) {
        Set<String> out = new LinkedHashSet<>();
        for (Key k : KEYS) {
            if (k.parent().equals(parent)) {
                out.add(k.name());
            }
        }
        return out;
    }

    /** The reference table, as INSTALL.md carries it between its markers. */
    public static String markdown() {
        List<String> lines = new ArrayList<>();
        lines.add("| key | default | meaning |");
        lines.add("|---|---|---|");
        for (Key k : KEYS) {
            lines.add("| `" + k.path() + "` | " + k.byDefault() + " | " + k.meaning().replace("|", "\\|") + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    /** Prints the reference, to paste into INSTALL.md. */
    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
