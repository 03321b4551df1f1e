package org.anju.bridge.park.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.anju.bridge.contract.Ed25519Keys;

/**
 * Each gateway's public key, from the file its building names in {@code park.yaml}
 * ({@code buildings[].gatewayKeyFile}: the {@code gateway.pub.pem} the gateway wrote at its first
 * start). A file not there yet (the gateway has not started) is looked for again at most every
 * few seconds, so a new building needs no restart of the bridge; a gateway with no file named is
 * believed in nothing. Safe from the verifying threads at once: a key being read is waited for, not
 * taken for missing.
 */
public final class GatewayKeys {
    private static final long RETRY_NANOS = 5_000_000_000L;

    private final Map<String, Path> files;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTry = new ConcurrentHashMap<>();
    private final LongSupplier ticker;

    public GatewayKeys(Map<String, Path> files, LongSupplier ticker) {
        this.files = Map.copyOf(files);
        this.ticker = ticker;
    }

    /** The gateway's key, if its building names a readable key file. */
    public Optional<PublicKey> of(String gateway) {
        PublicKey known = keys.get(gateway);
        if (known != null) {
            return Optional.of(known);
        }
        Path file = files.get(gateway);
        if (file == null) {
            return Optional.empty();
        }
        synchronized (this) {
            known = keys.get(gateway);
            return known != null ? Optional.of(known) : read(gateway, file);
        }
    }

    private Optional<PublicKey> read(String gateway, Path file) {
        long now = ticker.getAsLong();
        Long last = lastTry.get(gateway);
        if (last != null && now - last < RETRY_NANOS) {
            return Optional.empty();
        }
        lastTry.put(gateway, now);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            PublicKey key = Ed25519Keys.readPublic(file);
            keys.put(gateway, key);
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            System.getLogger(GatewayKeys.class.getName()).log(System.Logger.Level.WARNING,
                    "gateway {0}: its key file cannot be used: {1}", gateway, e.getMessage());
            return Optional.empty();
        }
    }
}
