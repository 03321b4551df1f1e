package org.anju.bridge.contract;

/** A payload read against the contract: the message, or why it is not one. */
public sealed interface Decoded<T> {
    record Ok<T>(T value) implements Decoded<T> {
    }

    record Invalid<T>(String reason) implements Decoded<T> {
    }
}
