/**
 * The gateway's local HTTP API ({@link LocalApi}, on vertx-web's Router) for installers, tenants'
 * phones and the process tests: commands and events behind the bearer token, health,
 * {@code /metrics} ({@link AgentMetrics}, refreshed off the event loop) and
 * {@code /api/v1/pass/open} ({@link PassOpening}: the pass is the credential). The building's
 * network is untrusted: bodies are bounded before they are read, connections capped by the link's
 * {@code ConnectionGuard}. Commands go through {@code CommandApi}.
 */
package org.anju.agent.api;
