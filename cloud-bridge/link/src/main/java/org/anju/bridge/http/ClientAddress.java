package org.anju.bridge.http;

import java.util.List;
import java.util.Set;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who the client is, for limits per address: the connection's peer, or, when the peer is one of
 * the configured reverse proxies, the address that proxy put in {@code X-Forwarded-For} (the
 * right-most entry not itself a trusted proxy, since a client can write anything to the left).
 * A header from any other peer is ignored: otherwise anyone could pick their own address.
 */
public final class ClientAddress {
    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public static ClientAddress direct() {
        return new ClientAddress(List.of());
    }

    public boolean trusted(String peer) {
        return trustedProxies.contains(peer);
    }

    public String of(HttpServerRequest req) {
        String peer = req.connection() == null || req.connection().remoteAddress() == null ? "unknown"
                : req.connection().remoteAddress().hostAddress();
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = req.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }

    /** This machine's own processes (a node exporter, the installer's curl) come from 127.0.0.1 or ::1. */
    public static boolean isLoopback(String address) {
        return address.equals("127.0.0.1") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
    }

    /** Whether the request came over TLS, itself or (from a trusted proxy) as X-Forwarded-Proto says. */
    public boolean secure(HttpServerRequest req) {
        if (req.isSSL()) {
            return true;
        }
        String peer = req.connection() == null || req.connection().remoteAddress() == null ? ""
                : req.connection().remoteAddress().hostAddress();
        return trustedProxies.contains(peer) && "https".equalsIgnoreCase(req.getHeader("X-Forwarded-Proto"));
    }
}
