package org.anju.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Two pseudo-terminals joined by socat: whatever is written to one end is read at the other,
 * exactly as two devices on a serial cable. Each end is opened like any /dev/ttyUSB0.
 */
public final class SocatPtyPair implements AutoCloseable {
    private final Process socat;
    private final Path deviceEnd;
    private final Path masterEnd;

    public SocatPtyPair(Path dir) throws IOException {
        deviceEnd = dir.resolve("device");
        masterEnd = dir.resolve("master");
        socat = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + deviceEnd, "pty,raw,echo=0,link=" + masterEnd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(deviceEnd) && Files.exists(masterEnd));
    }

    /** The end the simulated or foreign device opens. */
    public Path deviceEnd() {
        return deviceEnd;
    }

    /** The end the master opens. */
    public Path masterEnd() {
        return masterEnd;
    }

    @Override
    public void close() {
        Processes.stop(socat);
    }
}
