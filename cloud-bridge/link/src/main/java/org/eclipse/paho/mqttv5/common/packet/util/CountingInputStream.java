package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Paho's MQTT 5 stream that counts the bytes read through it, rewritten here with a bulk read.
 *
 * <p>Paho 1.2.5 decodes every packet it receives through this class twice (the packet out of its
 * buffer, then a PUBLISH's topic, properties and payload) and its own version overrides only the
 * one-byte {@code read()}: {@code DataInputStream.readFully} then copied a 15 KB batch one virtual
 * call and one lock of {@code ByteArrayInputStream} per byte, 18% of the park bridge's CPU in a
 * flight recording of a million-event drain. This class keeps Paho's public API (the constructor,
 * {@code read()}, {@code getCounter()}, {@code resetCounter()}) and counts exactly as it did, and
 * passes reads of many bytes straight to the stream underneath.
 *
 * <p>It replaces Paho's class of the same name only if it comes first on the class path:
 * park-link's jar comes before Paho's in Maven's class paths (it declares the dependency), and the
 * packaged bridge's launcher puts it first ({@code bin/anju-bridge}). {@code PahoBulkDecodeTest}
 * holds both: that this class is the one loaded, and that Paho decodes through it byte for byte.
 */
public class CountingInputStream extends InputStream {
    private final InputStream inputStream;
    private int counter;

    public CountingInputStream(InputStream inputStream) {
        this.inputStream = inputStream;
    }

    @Override
    public int read() throws IOException {
        int b = inputStream.read();
        if (b != -1) {
            counter++;
        }
        return b;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, into.length);
        int n = inputStream.read(into, offset, length);
        if (n > 0) {
            counter += n;
        }
        return n;
    }

    /** The bytes read since this stream was made or last reset. */
    public int getCounter() {
        return counter;
    }

    public void resetCounter() {
        counter = 0;
    }
}
