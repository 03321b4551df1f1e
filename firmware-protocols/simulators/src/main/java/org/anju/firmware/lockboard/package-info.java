/**
 * Reference firmware of a serial lock board ({@link LockBoardSimulator}): one address, 1-48
 * channels, each a lock pulsed open by command and a door with a sensor and a closer. As the
 * protocol says, it answers only its own address, runs a broadcast open-all silently and stays
 * silent on bad checksums and illegal frames. The physical world (a tenant walking through, a
 * propped or forced door, a jammed bolt, a cut bus) comes by method calls or
 * {@link LockBoardInjection}; time moves only by {@code advance}.
 */
package org.anju.firmware.lockboard;
