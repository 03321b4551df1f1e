/**
 * The charging safety rules (SAFETY.md): readings in, {@link SafetyDecision}s out, commands first.
 * {@link ChargingSafety}, the one object the agent wires, joins {@link AreaSupervisor} (fire in an
 * area), {@link PileSupervisor} (temperature, unexplained heating, heartbeat) and
 * {@link PortSupervisor} (overload, full charge, session time, verified cuts). Pure and
 * single-threaded: no clock, timers or I/O; time comes with each reading and tick. The gateway's
 * limits may only be stricter than the pile firmware's ({@link LimitsCheck}).
 */
package org.anju.agent.safety;
