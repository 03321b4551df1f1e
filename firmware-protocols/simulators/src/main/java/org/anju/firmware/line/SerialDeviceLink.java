package org.anju.firmware.line;

import org.anju.protocol.modbus.LinePacing;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Attaches a {@link LineDevice} to a serial device file: a USB RS-485 adapter or one end of a
 * pseudo-terminal pair. The port is put in raw mode with {@code stty} (the JDK cannot set line
 * parameters), at the given baud rate when there is one.
 */
public final class SerialDeviceLink implements AutoCloseable {
    private final FileInputStream in;
    private final FileOutputStream out;
    private final Thread reader;

    public SerialDeviceLink(Path device, int baud, LineDevice target, LinePacing pacing, long idleNanos,
                            ScheduledExecutorService timer) throws IOException {
        if (!Files.exists(device)) {
            throw new IOException(device + " does not exist");
        }
        configure(device, baud);
        this.in = new FileInputStream(device.toFile());
        this.out = new FileOutputStream(device.toFile());
        LineSession session = new LineSession(in, (b, off, len) -> {
            out.write(b, off, len);
            out.flush();
        }, target, pacing, idleNanos, timer);
        this.reader = new Thread(session, "serial-" + device.getFileName());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private static void configure(Path device, int baud) throws IOException {
        var command = new java.util.ArrayList<>(java.util.List.of("stty", "-F", device.toString()));
        if (baud > 0) {
            command.add(Integer.toString(baud));
        }
        command.addAll(java.util.List.of("raw", "-echo", "-echoe", "-echok", "-echoctl", "-echoke"));
        Process stty = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!stty.waitFor(10, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                String said = new String(stty.getInputStream().readAllBytes()).trim();
                throw new IOException("cannot set " + device + " to raw mode: " + said);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while configuring " + device, e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        out.close();
    }
}
