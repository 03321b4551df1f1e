package org.anju.firmware.line;

import org.anju.protocol.modbus.LinePacing;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Serves a {@link LineDevice} the way an RS-485-to-Ethernet serial server serves a real bus: a
 * raw TCP byte stream per client, no framing added. Every connected client shares the one bus.
 */
public final class TcpSerialServer implements AutoCloseable {
    private final ServerSocket server;
    private final LineDevice device;
    private final LinePacing pacing;
    private final long idleNanos;
    private final ScheduledExecutorService timer;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    public TcpSerialServer(InetSocketAddress bind, LineDevice device, LinePacing pacing, long idleNanos,
                           ScheduledExecutorService timer) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(bind);
        this.device = device;
        this.pacing = pacing;
        this.idleNanos = idleNanos;
        this.timer = timer;
        this.acceptor = new Thread(this::accept, "serial-server-" + port());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Convenience for tests: an unpaced server on a free loopback port with its own timer. */
    public static TcpSerialServer onFreeLoopbackPort(LineDevice device) throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "serial-server-timer");
            t.setDaemon(true);
            return t;
        });
        return new TcpSerialServer(new InetSocketAddress("127.0.0.1", 0), device, LinePacing.unpaced(),
                200_000_000L, timer);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                clients.add(client);
                OutputStream out = client.getOutputStream();
                LineSession session = new LineSession(client.getInputStream(), out::write, device, pacing,
                        idleNanos, timer);
                Thread t = new Thread(() -> {
                    try {
                        session.run();
                    } finally {
                        clients.remove(client);
                        closeQuietly(client);
                    }
                }, "serial-client-" + client.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("serial server on port " + port() + ": accept failed: " + e.getMessage());
                }
            }
        }
    }

    /** Drops every connected client, as a serial server does when its bus is unplugged. */
    public void disconnectClients() {
        clients.forEach(TcpSerialServer::closeQuietly);
    }

    @Override
    public void close() {
        closeQuietly(server);
        disconnectClients();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown: nothing left to tell anyone
        }
    }
}
