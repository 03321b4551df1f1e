/**
 * The HTTP edge facing untrusted networks, shared by the park's API and the gateway's local API so
 * both are hardened the same way: {@link ConnectionGuard} (connections capped overall and per
 * address, header and body deadlines, so a slow client holds a connection for seconds, not for
 * ever), {@link SecurityHeaders} (no inline script, no framing, no sniffing, HSTS over TLS, API
 * answers never cached) and {@link ClientAddress} ({@code X-Forwarded-For} believed only from a
 * configured reverse proxy).
 */
package org.anju.bridge.http;
