/**
 * Reference firmware of an e-bike charging pile: {@link PileSimulator}, its registers answered per
 * {@code PileRegisterMap} ({@link PileRegisters}), a real pile's per-port protection
 * ({@link ChargingPort}) and fault injection ({@link PileInjection}); and the physics every socket
 * shares: {@link SocketLoad} (a {@link Bike} on its charger, and its meter) and {@link Enclosure}
 * (a cabinet warming, thermal runaway). Time moves only by {@code advance}, so tests need no clock.
 * Tests, the demo and the benchmarks drive it; the gateway never does.
 */
package org.anju.firmware.pile;
