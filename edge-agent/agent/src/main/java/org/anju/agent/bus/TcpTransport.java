package org.anju.agent.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A bus reached through an RS-485-to-Ethernet serial server: a raw TCP byte stream. */
public final class TcpTransport implements ByteTransport {
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public TcpTransport(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void open() throws IOException {
        close();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    @Override
    public boolean isOpen() {
        return socket != null && !socket.isClosed();
    }

    @Override
    public void write(byte[] frame) throws IOException {
        requireOpen();
        out.write(frame);
        out.flush();
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        requireOpen();
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        try {
            int n = in.read(buffer);
            if (n < 0) {
                close();
                throw new IOException("serial server " + describe() + " closed the connection");
            }
            return n;
        } catch (SocketTimeoutException quiet) {
            return 0;
        }
    }

    @Override
    public void discardInput() throws IOException {
        requireOpen();
        while (in.available() > 0) {
            in.skip(in.available());
        }
    }

    private void requireOpen() throws IOException {
        if (!isOpen()) {
            throw new IOException(describe() + " is not connected");
        }
    }

    @Override
    public String describe() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
            socket = null;
        }
    }
}
