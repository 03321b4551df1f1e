/**
 * Reference firmware of a meter shed ({@link MeterShed}): sockets behind DDSU666-like meters
 * ({@link MeterRegisterMap}) or DDS238-2-like ones ({@link Dds238RegisterMap}), switched by
 * relay-board channels on one RS-485 line, with the pile's socket physics. Unlike a pile nothing
 * here protects a socket, so every cut is the gateway's. The maps are the single source for the
 * simulator, PROTOCOLS.md and the shipped meter profiles; {@link ReadFunctions} models units that
 * answer function 03, 04 or both, as real ones differ.
 */
package org.anju.firmware.meter;
