package org.anju.profiles.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The gateway's local servers: its HTTP API, and the CoAP endpoint wireless locks talk to with
 * the pre-shared keys in {@code coapPskFile} (never in the site file itself).
 */
public record Endpoints(Endpoint localApi, Optional<Endpoint> coap, Optional<Path> coapPskFile) {

    public Endpoints(Endpoint localApi, Optional<Endpoint> coap) {
        this(localApi, coap, Optional.empty());
    }

    public record Endpoint(String bind, int port) {
    }
}
