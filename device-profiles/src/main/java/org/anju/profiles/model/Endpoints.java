package org.anju.profiles.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway's local servers: its HTTP API (and who may read its {@code /metrics}), and the CoAP
 * endpoint wireless locks talk to with the pre-shared keys in {@code coapPskFile} (never in the
 * site file itself).
 */
public record Endpoints(Endpoint localApi, MetricsAccess metrics, Optional<Endpoint> coap, Optional<Path> coapPskFile) {

    public Endpoints(Endpoint localApi, Optional<Endpoint> coap) {
        this(localApi, MetricsAccess.TOKEN, coap, Optional.empty());
    }

    public record Endpoint(String bind, int port) {
    }

    /**
     * Who may read the local API's {@code /metrics}: the gateway itself (loopback) and holders of
     * the API token ({@code token}), or anyone who reaches the port ({@code open}, for a
     * Prometheus on the building's network that has no token).
     */
    public enum MetricsAccess {
        TOKEN, OPEN
    }
}
