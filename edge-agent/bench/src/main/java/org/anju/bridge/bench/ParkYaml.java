package org.anju.bridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.testing.LocalPostgres;

/**
 * A benchmark park's configuration: its keys and secrets written beside it, its gateways'
 * buildings (each with a charging shed of {@code piles} piles), the alarm probe's and the away
 * alarm's ({@code away}, null for none), the store
 * ({@code pg} null: SQLite {@code park.db}; else the database {@code database} on that server).
 * One file per instance: several instances of one park differ in their name and HTTP port.
 */
record ParkYaml(String park, String brokerUri, LocalPostgres pg, String database, FloodGateways flood, int piles,
                AlarmProbe probe, AwayAlarm away, KeyPair parkKey) {
    static final String ADMIN_PASSWORD = "flood console at the fire station";
    /** The park's command key's id: the key that signs receipts. */
    static final String COMMAND_KEY_ID = "park-bench";

    /** A building of one gateway for park.yaml's list, its gateway's public key written beside it. */
    static String building(Path dir, String building, String gateway, java.security.PublicKey key) throws IOException {
        Files.writeString(dir.resolve("gateways").resolve(gateway + ".pub.pem"), Ed25519Keys.toPem(key));
        return "  - {id: " + building + ", gateway: " + gateway + ", gatewayKeyFile: gateways/" + gateway + ".pub.pem}\n";
    }

    /** Writes {@code dir/FILE} for the instance {@code instance} answering on {@code port}; returns its path. */
    Path write(Path dir, String file, String instance, int port) throws IOException {
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(parkKey.getPrivate()));
        Files.writeString(dir.resolve("data.key"), "5a".repeat(32));
        Files.writeString(dir.resolve("session.key"), "6b".repeat(32));
        Files.writeString(dir.resolve("admin.password"), ADMIN_PASSWORD + "\n");
        flood.writeKeys(dir);
        String store = pg == null ? "{sqlite: park.db}"
                : "{postgres: {url: \"" + pg.jdbcUrl(database) + "\", user: " + pg.user() + ", passwordFile: "
                        + pg.passwordFile(dir).getFileName() + "}}";
        return Files.writeString(dir.resolve(file), "park: " + park + "\ninstance: " + instance + "\nbroker: {uri: \""
                + brokerUri + "\"}\n" + "store: " + store + "\nhttp: {port: " + port + "}\n"
                + "keys: {commandKeyId: " + COMMAND_KEY_ID + ", commandKeyFile: command.pem, dataKeyFile: data.key, sessionKeyFile: session.key}\n"
                + "admin: {login: admin, passwordFile: admin.password}\n" + flood.buildingsYaml(piles) + probe.building(dir)
                + (away == null ? "" : away.building(dir)));
    }
}
