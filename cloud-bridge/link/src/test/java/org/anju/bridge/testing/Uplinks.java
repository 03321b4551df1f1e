package org.anju.bridge.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.anju.bridge.contract.Topics;
import org.anju.bridge.uplink.Backoff;
import org.anju.bridge.uplink.DrainSettings;
import org.anju.bridge.uplink.SessionSequence;
import org.anju.bridge.uplink.UplinkConfig;

/** Uplink settings for tests: quick backoff and polling, no rate limit unless asked. */
public final class Uplinks {
    public static final Topics GATEWAY = new Topics("park-1", "gw-1");
    /** The test gateways' signing key. */
    public static final java.security.KeyPair GATEWAY_KEY = org.anju.bridge.contract.Ed25519Keys.generate();
    /** The test park's key: it signs receipts (and commands, where a test wants it to). */
    public static final java.security.KeyPair PARK_KEY = org.anju.bridge.contract.Ed25519Keys.generate();
    public static final String PARK_KEY_ID = "park-test";

    private Uplinks() {
    }

    public static UplinkConfig config(String brokerUri) {
        return config(brokerUri, GATEWAY);
    }

    public static UplinkConfig config(String brokerUri, Topics topics) {
        return UplinkConfig.of(brokerUri, topics, "0.1.0-test")
                .withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2)))
                .withDrain(new DrainSettings(16, 100, 64 * 1024, 0))
                .withKeepAlive(Duration.ofSeconds(5))
                .withIdlePoll(Duration.ofMillis(200));
    }

    /** An uplink builder with the test gateway's key, trusting the test park's receipts. */
    public static org.anju.bridge.uplink.GatewayUplink.Builder builder(UplinkConfig config) {
        return org.anju.bridge.uplink.GatewayUplink.builder(config).identity(GATEWAY_KEY)
                .parkKeys(java.util.Map.of(PARK_KEY_ID, PARK_KEY.getPublic()));
    }

    /**
     * Writes the test park's public key as {@code park-test.pub.pem} in {@code dir}, for a site's
     * {@code park.commandKeys: [{id: park-test, file: park-test.pub.pem}]}: the gateway then trusts
     * the receipts a {@link ParkClient} sends.
     */
    public static java.nio.file.Path writeParkKey(java.nio.file.Path dir) throws java.io.IOException {
        return java.nio.file.Files.writeString(dir.resolve("park-test.pub.pem"),
                org.anju.bridge.contract.Ed25519Keys.toPem(PARK_KEY.getPublic()));
    }

    /** A session counter that lives as long as the test: survives uplink restarts within it. */
    public static SessionSequence sessions() {
        AtomicLong counter = new AtomicLong();
        return counter::incrementAndGet;
    }
}
