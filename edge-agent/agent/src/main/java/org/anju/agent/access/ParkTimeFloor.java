package org.anju.agent.access;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The park's time as last known, kept in the data folder across restarts so a gateway that boots
 * with its clock set back (a dead RTC battery, a hand) judges stays no earlier than it: an ended
 * lease stays ended with the park unreachable. One line, epoch milliseconds, replaced atomically
 * and forced to disk. Only park-derived time ({@link AccessClock#parkTimeNow()}) is saved, never
 * the wall clock, which may be years ahead and would lock every tenant out for good.
 */
public final class ParkTimeFloor {
    static final String FILE = "park-time";

    private final Path file;
    private Instant saved = Instant.EPOCH;

    public ParkTimeFloor(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /** The floor saved before, or the epoch when there is none or it cannot be read (then the wall clock rules). */
    public Instant read() {
        try {
            return Instant.ofEpochMilli(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException | java.time.DateTimeException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * Saves the park's time as {@code clock} knows it now, if the park has given it and it moved
     * on since the last save; blocks for an fsync, so call it from a worker, never an event loop.
     */
    public synchronized void saveFrom(AccessClock clock) throws IOException {
        java.util.Optional<Instant> now = clock.parkTimeNow();
        if (now.isPresent() && now.get().isAfter(saved)) {
            save(now.get());
            saved = now.get();
        }
    }

    /** Saves {@code parkTime}; blocks for an fsync, so call it from a worker, never an event loop. */
    public void save(Instant parkTime) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((parkTime.toEpochMilli() + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
