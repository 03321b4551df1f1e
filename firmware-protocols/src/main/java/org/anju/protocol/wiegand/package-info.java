/**
 * Wiegand as values: {@link WiegandCodec} decodes and encodes H10301 (26-bit) and H10306 (34-bit)
 * frames ({@link WiegandFormat}), {@link WiegandKeys} reads keypads' 4- and 8-bit keypresses, and a
 * frame is a {@link WiegandResult}, a card or the reason it is not one. Parity catches any odd
 * number of flips in a half, not two: Wiegand is identification, not authentication.
 * {@link WiegandBitCollector} gathers pulses into frames with the caller's timestamps, no timers or
 * threads. No I/O; never throws on input bits.
 */
package org.anju.protocol.wiegand;
