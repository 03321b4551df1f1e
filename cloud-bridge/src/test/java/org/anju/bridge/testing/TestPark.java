package org.anju.bridge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.ParkBridge;
import org.anju.bridge.park.config.ParkConfigLoader;

/**
 * A park bridge for a test, park {@code huaqiao} on SQLite in {@code dir}: its command key is the
 * test park's ({@link Uplinks#PARK_KEY}, so gateways built by {@link Uplinks} trust its receipts),
 * the gateway key file {@code gw-b07.pub.pem} holds the test gateway's public key, and the broker
 * and buildings are what the test says (YAML).
 */
public final class TestPark {
    private TestPark() {
    }

    /**
     * @param broker    the {@code broker} mapping's content, e.g. {@code uri: "tcp://127.0.0.1:1883"}
     * @param buildings the {@code buildings} list, e.g. {@code [{id: b07, gateway: gw-b07, gatewayKeyFile: gw-b07.pub.pem}]}
     */
    public static ParkBridge start(Path dir, String broker, String buildings) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("command.pem"), Ed25519Keys.toPem(Uplinks.PARK_KEY.getPrivate()));
        Files.writeString(dir.resolve("gw-b07.pub.pem"), Ed25519Keys.toPem(Uplinks.GATEWAY_KEY.getPublic()));
        Files.writeString(dir.resolve("data.key"), "11".repeat(32));
        Files.writeString(dir.resolve("session.key"), "22".repeat(32));
        Path yaml = Files.writeString(dir.resolve("park.yaml"), """
                park: huaqiao
                broker: {%s}
                store: {sqlite: park.db}
                http: {port: 0}
                keys: {commandKeyId: %s, commandKeyFile: command.pem, dataKeyFile: data.key, sessionKeyFile: session.key}
                buildings: %s
                """.formatted(broker, Uplinks.PARK_KEY_ID, buildings));
        ParkConfigLoader.Result loaded = ParkConfigLoader.load(yaml);
        if (!(loaded instanceof ParkConfigLoader.Result.Loaded ok)) {
            throw new IllegalStateException("park.yaml: " + loaded);
        }
        ParkBridge.Start started = ParkBridge.start(ok.config(), Clock.systemUTC(), 10_000);
        if (!(started instanceof ParkBridge.Start.Started s)) {
            throw new IllegalStateException("the park did not start: " + started);
        }
        return s.bridge();
    }
}
