/**
 * The park's HTTP API under {@code /api/v1}, held to {@code openapi.yaml} by a test: accounts, the
 * tenant's phone, the landlord's portal, the fire safety officer's console, rosters out of sync,
 * and the live stream as Server-Sent Events. {@link ParkApi} puts security headers, a 64 KiB body
 * bound and the session (from the Authorization header only) before every route; each route names
 * the roles it serves and checks the scope within. A malformed request gets a 4xx with one sentence
 * naming the field; the slow hash and JDBC stay off the event loop.
 */
package org.anju.bridge.park.api;
