package org.anju.agent.charging;

import java.time.Instant;

/**
 * A charging device sent a value that is no number (a meter's NaN, a counter below 0): what it
 * belongs to is not judged until the device sends numbers again ({@link ValueReadable}). One
 * event per episode; the device needs someone to look at it, though nothing is unsafe yet.
 *
 * @param source what the value belongs to: a port ({@code relays-a/3}) or a pile
 * @param device the device that sent it (a socket's meter, a pile, a relay board)
 * @param detail which value, the words on the wire, and what is skipped
 */
public record ValueUnreadable(String source, String device, String detail, Instant at) {
}
