package org.anju.profiles.reading;

/**
 * One value decoded from a poll: the value, nothing because the poll did not read it, or a
 * reason why what was read cannot be that value (a meter that sends NaN, a counter below 0).
 * Decoding never throws: a glitching device must not stop supervision.
 */
public sealed interface Decoded<T> {

    record Value<T>(T value) implements Decoded<T> {
    }

    record NotRead<T>() implements Decoded<T> {
    }

    record Invalid<T>(String reason) implements Decoded<T> {
    }
}
