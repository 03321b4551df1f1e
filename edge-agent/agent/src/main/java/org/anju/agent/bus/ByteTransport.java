package org.anju.agent.bus;

import java.io.IOException;

/**
 * A byte stream to one RS-485 bus: a local serial port or a TCP serial server. Transports carry
 * bytes and never look inside a frame. Every call blocks, so only a bus's own thread calls them.
 */
public interface ByteTransport extends AutoCloseable {

    /** Opens (or reopens after a failure) the stream. */
    void open() throws IOException;

    boolean isOpen();

    void write(byte[] frame) throws IOException;

    /** Reads what arrives within {@code timeoutMillis}; 0 when nothing came. */
    int read(byte[] buffer, int timeoutMillis) throws IOException;

    /** Throws away whatever is waiting, so a late reply cannot be taken for the next one. */
    void discardInput() throws IOException;

    /** Where this goes, for messages: a device path or tcp://host:port. */
    String describe();

    @Override
    void close();
}
