package org.anju.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network between a browser and the park, as a wall screen's Wi-Fi is: a loopback port that
 * passes every connection on to the park's, until it is cut (every connection closed, new ones
 * closed as they come) and mended again. Bytes pass through untouched.
 */
final class CuttableLink implements AutoCloseable {
    private final ServerSocket server;
    private final int to;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    CuttableLink(int to) throws IOException {
        this.to = to;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "cuttable-link");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Closes every connection through the link, and each new one as it comes, until {@link #mend}. */
    void cut() {
        cut = true;
        open.forEach(CuttableLink::close);
        open.clear();
    }

    void mend() {
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket browser = server.accept();
                if (cut) {
                    close(browser);
                    continue;
                }
                Socket park = new Socket(InetAddress.getLoopbackAddress(), to);
                open.add(browser);
                open.add(park);
                pump(browser, park);
                pump(park, browser);
            } catch (IOException e) {
                // closed, or the park refused: the browser sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket into) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = into.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went: the other goes too
            } finally {
                close(from);
                close(into);
            }
        }, "cuttable-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
