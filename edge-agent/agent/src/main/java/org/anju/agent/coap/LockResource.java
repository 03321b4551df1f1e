package org.anju.agent.coap;

import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * One path segment of the locks' resource tree. Which lock is asking, and what the path means for
 * that lock's profile, is decided per request by {@link LockRoutes}; the resource only hands over.
 * Observable with confirmable notifications, so a command reaching a lock is acknowledged or resent.
 */
final class LockResource extends CoapResource {
    private final LockRoutes routes;

    LockResource(String name, LockRoutes routes) {
        super(name);
        this.routes = routes;
        setObservable(true);
        setObserveType(CoAP.Type.CON);
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        routes.get(this, exchange);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        routes.report(this, exchange);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        routes.report(this, exchange);
    }
}
