package org.anju.agent.bus;

/**
 * The protocol's half of a bus exchange: it is fed the bytes that arrive after a request and
 * says when they hold the reply. The bus scheduler never looks inside a frame itself.
 */
public interface ReplyReader<T> {

    /** What the bytes so far amount to. */
    sealed interface Progress<T> {
    }

    record Complete<T>(T reply) implements Progress<T> {
    }

    record Incomplete<T>() implements Progress<T> {
    }

    /** A reply arrived but was damaged (bad checksum): the request is worth repeating. */
    record Corrupt<T>(String why) implements Progress<T> {
    }

    Progress<T> feed(byte[] bytes, int offset, int length);
}
