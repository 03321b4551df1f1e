/**
 * Signed downlink commands at the gateway: {@link CommandVerifier} checks contract, signature,
 * addressee, validity, nonce, kind and body, in that order, and only a {@link VerifiedCommand}
 * reaches the agent. {@link NonceCache} fails closed over a durable {@link NonceStore} (a nonce is
 * on disk before its command acts), so a restart never reopens the replay window.
 * {@link CommandChannel} verifies on a thread of its own, hands commands on in arrival order and
 * answers every one; a full queue is answered {@code OVERLOADED}.
 */
package org.anju.bridge.command;
