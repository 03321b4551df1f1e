/**
 * The serial lock-board protocol (the "8A open / 80 read" family of RS-485 boards):
 * {@link LockBoardFrame}s whose constructors keep the protocol's limits, {@link LockBoardCodec} for
 * one whole frame, and {@link LockBoardDecoder}, which cuts a stream into sealed
 * {@link LockBoardEvent}s without looking at time. The one-byte XOR checksum lets one random run in
 * 256 through, so framing checks every structural byte and resynchronises a byte at a time rather
 * than lose a good frame after noise. No I/O, bounded memory, and never a throw on input bytes.
 */
package org.anju.protocol.lockboard;
