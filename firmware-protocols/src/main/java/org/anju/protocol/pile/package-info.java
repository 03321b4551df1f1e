/**
 * The reference pile's vocabulary, shared by its simulator, its {@code anju-ref-pile} profiles and
 * the gateway: {@link PileRegisterMap}, the single source of its register map (tests hold the
 * simulator, PROTOCOLS.md and the profiles to it), {@link PortState} and {@link CutReason} (state
 * and cut-reason codes), and {@link PileLimits}, the firmware's own protection, which the gateway
 * may only tighten. Values only; it sits in the protocol layer, not the simulator's package, so the
 * gateway and the safety tests decode through the same profile-driven path.
 */
package org.anju.protocol.pile;
