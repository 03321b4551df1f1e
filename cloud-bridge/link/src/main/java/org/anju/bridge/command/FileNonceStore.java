package org.anju.bridge.command;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Nonces in an append-only text file, one {@code nonce keepUntilMillis} line each, forced to disk
 * before {@link #remember} returns. A torn last line (power cut mid-write) is ignored on load: its
 * command never acted, because acting waits for {@code remember}. The file is rewritten with only
 * the live nonces when most of its lines have expired.
 */
public final class FileNonceStore implements NonceStore, AutoCloseable {
    private final Path file;
    private FileChannel channel;
    private int lines;

    public FileNonceStore(Path file) {
        this.file = file;
    }

    @Override
    public synchronized Map<String, Long> load() throws IOException {
        Map<String, Long> nonces = new HashMap<>();
        int count = 0;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                count++;
                int space = line.indexOf(' ');
                if (space <= 0) {
                    continue;
                }
                try {
                    nonces.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1)), Math::max);
                } catch (NumberFormatException torn) {
                    // a line cut short by a power failure: its command never acted
                }
            }
        }
        lines = count;
        return nonces;
    }

    @Override
    public synchronized void remember(String nonce, long keepUntilMillis) throws IOException {
        if (channel == null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer line = ByteBuffer.wrap((nonce + ' ' + keepUntilMillis + '\n').getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
        lines++;
    }

    @Override
    public synchronized void forgetBefore(long nowMillis) throws IOException {
        Map<String, Long> live = load();
        live.values().removeIf(until -> until < nowMillis);
        if (lines < 64 || live.size() * 2 > lines) {
            return; // not worth a rewrite yet
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder();
        live.forEach((nonce, until) -> text.append(nonce).append(' ').append(until).append('\n'));
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        closeChannel();
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(file.toAbsolutePath().getParent());
        lines = live.size();
    }

    @Override
    public synchronized void close() throws IOException {
        closeChannel();
    }

    /** Makes a rename durable (Linux); where a directory cannot be opened the rename stands unsynced. */
    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
