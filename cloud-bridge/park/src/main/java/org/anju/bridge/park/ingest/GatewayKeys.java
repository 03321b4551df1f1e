package org.anju.bridge.park.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.park.config.ParkConfig;

/**
 * Each gateway's public key, as its building in the park's directory of buildings gives it: the
 * PEM the admin stored, or else the file park.yaml named ({@code buildings[].gatewayKeyFile}: the
 * {@code gateway.pub.pem} the gateway wrote at its first start). Asked of the directory at every
 * message, so a building added is believed at once and one deleted (or whose key changed) no longer
 * is. A file not there yet (the gateway has not started) is looked for again at most every few
 * seconds; a gateway of no building, or with no key, is believed in nothing. Safe from the
 * verifying threads at once: a key being read is waited for, not taken for missing.
 */
public final class GatewayKeys {
    private static final long RETRY_NANOS = 5_000_000_000L;

    /** A key and what it was read from (the PEM text or the file), to see when the building's changed. */
    private record Known(Object source, PublicKey key) {
    }

    private final Function<String, Optional<ParkConfig.Building>> buildingOfGateway;
    private final Map<String, Known> keys = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTry = new ConcurrentHashMap<>();
    private final LongSupplier ticker;

    public GatewayKeys(Function<String, Optional<ParkConfig.Building>> buildingOfGateway, LongSupplier ticker) {
        this.buildingOfGateway = buildingOfGateway;
        this.ticker = ticker;
    }

    /** The gateway's key, if a building has this gateway and gives a usable key. */
    public Optional<PublicKey> of(String gateway) {
        Optional<ParkConfig.Building> building = buildingOfGateway.apply(gateway);
        if (building.isEmpty()) {
            keys.remove(gateway);
            return Optional.empty();
        }
        Object source = building.get().gatewayKey().<Object>map(pem -> pem)
                .or(() -> building.get().gatewayKeyFile()).orElse(null);
        if (source == null) {
            return Optional.empty();
        }
        Known known = keys.get(gateway);
        if (known != null && known.source().equals(source)) {
            return Optional.of(known.key());
        }
        synchronized (this) {
            known = keys.get(gateway);
            if (known != null && known.source().equals(source)) {
                return Optional.of(known.key());
            }
            return source instanceof Path file ? read(gateway, file) : parse(gateway, (String) source);
        }
    }

    private Optional<PublicKey> parse(String gateway, String pem) {
        try {
            PublicKey key = Ed25519Keys.publicFromPem(pem, "the key of gateway " + gateway);
            keys.put(gateway, new Known(pem, key));
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            warn(gateway, e);
            return Optional.empty();
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
            keys.put(gateway, new Known(file, key));
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            warn(gateway, e);
            return Optional.empty();
        }
    }

    private static void warn(String gateway, IllegalArgumentException e) {
        System.getLogger(GatewayKeys.class.getName()).log(System.Logger.Level.WARNING,
                "gateway {0}: its key cannot be used: {1}", gateway, e.getMessage());
    }
}
