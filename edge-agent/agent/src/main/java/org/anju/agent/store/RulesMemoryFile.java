package org.anju.agent.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.anju.agent.safety.RulesMemory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The charging rules' memory ({@link RulesMemory}) in the data folder, so a restart neither
 * restarts a full-charge wait nor blinds the early warning. Written whole to a temporary file,
 * forced to disk and renamed over the last one, so a power cut leaves the old memory or the new,
 * never half of one; on its own thread, so the rules never wait for the disk. It is a file and
 * not a table because losing it loses nothing that matters for long: the rules then re-arm from
 * nothing, as after a first start.
 */
public final class RulesMemoryFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rules-memory");
        t.setDaemon(true);
        return t;
    });

    public RulesMemoryFile(Path file) {
        this.file = file;
    }

    /** Writes {@code memory} in place of the last; completes with null when it is on disk, else why not. */
    public CompletableFuture<String> save(RulesMemory memory) {
        return CompletableFuture.supplyAsync(() -> {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                Files.write(tmp, JSON.writeValueAsBytes(memory));
                try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return null;
            } catch (IOException e) {
                return "the charging rules' memory was not saved to " + file + ": " + e.getMessage();
            }
        }, writer);
    }

    /** The memory last saved, or why there is none (no file yet, or one that cannot be read). */
    public Loaded load() {
        try {
            return new Loaded(Optional.of(JSON.readValue(Files.readAllBytes(file), RulesMemory.class)), null);
        } catch (NoSuchFileException none) {
            return new Loaded(Optional.empty(), null);
        } catch (IOException e) {
            return new Loaded(Optional.empty(), file + " cannot be read (" + e.getMessage()
                    + "); the charging rules start from nothing");
        }
    }

    /** What {@link #load} found: the memory, or a problem to report (null when there was simply none yet). */
    public record Loaded(Optional<RulesMemory> memory, String problem) {
    }

    @Override
    public void close() {
        writer.shutdown();
    }
}
