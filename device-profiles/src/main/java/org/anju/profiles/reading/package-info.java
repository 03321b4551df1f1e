/**
 * Profile-driven decoding, the path every reading the gateway judges takes: a poll's words
 * ({@code RegisterWords}) in, values by the roles a profile gives out. {@link RegisterDecoding}
 * decodes one register, {@link PortDecoder} a charging port into the same {@link PortValues}
 * whether a pile's port or a socket's energy meter, {@link PileDecoder} what a pile reports for
 * itself. Pure (no I/O, no state) and never throws on what a device sends: a NaN or a negative
 * counter is a {@link Decoded} reason, because a glitching device must not stop supervision.
 */
package org.anju.profiles.reading;
