package org.anju.bridge.uplink;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * A {@link SessionSequence} in a one-line text file, replaced atomically and forced to disk on
 * every increment. A missing file starts at 1. A damaged file (not a number) is not reset to 0,
 * which would make every new death look stale: the counter jumps to the wall clock in
 * milliseconds, far above any count of connections, and goes on from there.
 */
public final class FileSessionSequence implements SessionSequence {
    private static final System.Logger LOG = System.getLogger(FileSessionSequence.class.getName());
    private final Path file;
    private final Clock clock;

    public FileSessionSequence(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    @Override
    public synchronized long next() throws IOException {
        long next = Math.addExact(last(), 1);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename stands; only its durability across a power cut is not forced here
        }
        return next;
    }

    private long last() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return 0;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        long jump = clock.millis();
        LOG.log(Level.WARNING, "session counter {0} is damaged; continuing from {1}", file, jump);
        return jump;
    }
}
