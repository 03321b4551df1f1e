/**
 * Doors: {@link DoorController} is one door's state machine, pure (inputs and monotonic time in,
 * {@link DoorAction}s and its next deadline out), and {@link DoorRuntime} runs it on one Vert.x
 * context, queuing inputs from any thread there in arrival order, so it needs no lock. Locks sit
 * behind {@link LockActuator}, which never blocks its caller: a {@link GpioStrike}, a
 * {@link BoardChannelLock} on the bus, a wireless lock. {@link SiteDoors} starts every door and
 * reports one that cannot start while the others run. Events name people only by opaque ids.
 */
package org.anju.agent.door;
