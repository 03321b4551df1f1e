package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A folder the agent may not write, as {@code /etc/anju} is under the packaged unit's
 * {@code ProtectSystem=strict}. The tests run as root, whom file modes do not stop: the folder and its
 * files are made immutable ({@code chattr +i}, which holds for root on ext4 and most file systems)
 * until closed. Where the file system has no such flag, the folder is still compared byte for byte
 * with what it held: {@link #assertUnchanged()} is the check either way.
 */
final class ReadOnlyFolder implements AutoCloseable {
    private final Path folder;
    private final Map<Path, byte[]> contents;
    private final boolean immutable;

    private ReadOnlyFolder(Path folder, Map<Path, byte[]> contents, boolean immutable) {
        this.folder = folder;
        this.contents = contents;
        this.immutable = immutable;
    }

    static ReadOnlyFolder of(Path folder) throws IOException, InterruptedException {
        Map<Path, byte[]> contents = read(folder);
        List<String> paths = new ArrayList<>(contents.keySet().stream().map(Path::toString).toList());
        paths.add(folder.toString());
        boolean immutable = chattr("+i", paths);
        if (immutable) {
            try {
                Files.writeString(folder.resolve(".probe"), "x");
                Files.delete(folder.resolve(".probe"));
                immutable = false;
            } catch (IOException refused) {
                // as it should be: nobody writes here
            }
        }
        if (!immutable) {
            System.out.println(folder + ": no immutable flag on this file system; checked byte for byte only");
        }
        return new ReadOnlyFolder(folder, contents, immutable);
    }

    /** Whether writing in the folder is refused even to root (else it is only compared). */
    boolean immutable() {
        return immutable;
    }

    /** The folder lists the same files with the same bytes as when it was made read-only. */
    void assertUnchanged() throws IOException {
        Map<Path, byte[]> now = read(folder);
        assertThat(now.keySet()).as("the files in " + folder).containsExactlyElementsOf(contents.keySet());
        contents.forEach((file, bytes) -> assertThat(now.get(file)).as(file.toString()).isEqualTo(bytes));
    }

    @Override
    public void close() throws Exception {
        List<String> paths = new ArrayList<>(List.of(folder.toString()));
        paths.addAll(contents.keySet().stream().map(Path::toString).toList());
        chattr("-i", paths);
    }

    private static Map<Path, byte[]> read(Path folder) throws IOException {
        Map<Path, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                contents.put(f, Files.readAllBytes(f));
            }
        }
        return contents;
    }

    private static boolean chattr(String flag, List<String> paths) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chattr", flag));
        command.addAll(paths);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noChattr) {
            return false;
        }
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
