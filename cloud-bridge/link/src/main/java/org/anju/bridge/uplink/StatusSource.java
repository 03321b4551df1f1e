package org.anju.bridge.uplink;

import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.GatewayStatus;

/**
 * What the gateway knows of itself for its status message (outbox, buses, devices, uptime). The
 * uplink asks from its own thread on its schedule and publishes what comes back; an implementation
 * must not block (read the store where its other reads go and complete the future there). A failed
 * future is tried again a little later.
 */
@FunctionalInterface
public interface StatusSource {
    CompletableFuture<GatewayStatus.Figures> read();
}
