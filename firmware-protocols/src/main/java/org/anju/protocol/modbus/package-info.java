/**
 * Modbus RTU as values: {@link ModbusPdu} records that exist only within the specification's
 * limits, {@link ModbusPduCodec}, {@link RtuFrame} with {@link Crc16}, and {@link RtuFrameDecoder},
 * which gives the same sealed {@link RtuEvent}s however a stream is chunked, in bounded memory;
 * {@link RegisterSpec} and {@link RegisterWords} are what profiles decode polls with. No I/O, and
 * never a throw on input bytes. {@link LinePacing} alone reads a clock: it parks its caller to keep
 * line timing, so only a bus's or a simulated line's own thread may call it.
 */
package org.anju.protocol.modbus;
