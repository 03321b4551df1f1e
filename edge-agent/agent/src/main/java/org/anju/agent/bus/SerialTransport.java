package org.anju.agent.bus;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;

/** A bus on a local serial port (a USB RS-485 adapter, or a pseudo-terminal in tests) through jSerialComm. */
public final class SerialTransport implements ByteTransport {
    /** Parity as site files name it. */
    public enum Parity { NONE, EVEN, ODD }

    private final String device;
    private final int baud;
    private final Parity parity;
    private final int stopBits;
    private SerialPort port;

    /** Modbus RTU wants 11 bits a character: with no parity, two stop bits (serial line spec 2.5.1). */
    public SerialTransport(String device, int baud, Parity parity, int stopBits) {
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stop bits are 1 or 2, not " + stopBits);
        }
        this.device = device;
        this.baud = baud;
        this.parity = parity;
        this.stopBits = stopBits;
    }

    @Override
    public void open() throws IOException {
        close();
        SerialPort p = SerialPort.getCommPort(device);
        int parityBits = switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        p.setComPortParameters(baud, 8, stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, parityBits);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + device + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpen();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        requireOpen();
        int n = port.writeBytes(frame, frame.length);
        if (n != frame.length) {
            throw new IOException("wrote " + n + " of " + frame.length + " bytes to " + device);
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        requireOpen();
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, timeoutMillis), 0);
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("read from " + device + " failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void discardInput() throws IOException {
        requireOpen();
        int waiting;
        byte[] sink = new byte[256];
        while ((waiting = port.bytesAvailable()) > 0) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING, 0, 0);
            port.readBytes(sink, Math.min(sink.length, waiting));
        }
    }

    private void requireOpen() throws IOException {
        if (!isOpen()) {
            throw new IOException(device + " is not open");
        }
    }

    @Override
    public String describe() {
        return device;
    }

    @Override
    public void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }
}
