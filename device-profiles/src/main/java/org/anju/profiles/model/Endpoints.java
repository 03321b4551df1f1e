package org.anju.profiles.model;

import java.util.Optional;

/** The gateway's local servers: its HTTP API, and the CoAP endpoint wireless locks talk to. */
public record Endpoints(Endpoint localApi, Optional<Endpoint> coap) {

    public record Endpoint(String bind, int port) {
    }
}
