package org.anju.profiles.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists the YAML files shipped in a folder of the jar (or of target/classes when run from the
 * build), so adding a profile is adding a file, with no index to keep in step.
 */
public final class ShippedFiles {

    private ShippedFiles() {
    }

    /** Resource paths such as {@code profiles/anju-ref-pile-10.yaml}, sorted. */
    public static List<String> list(String folder) {
        URL url = ShippedFiles.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return yamlIn(fs.getPath(folder), folder);
                } catch (FileSystemAlreadyExistsException e) {
                    return yamlIn(FileSystems.getFileSystem(uri).getPath(folder), folder);
                }
            }
            return yamlIn(Path.of(uri), folder);
        } catch (URISyntaxException | IOException e) {
            throw new UncheckedIOException("listing the shipped " + folder, e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** The {@code .yaml} and {@code .yml} files directly in {@code dir}, sorted by name. */
    public static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(ShippedFiles::isYaml).filter(Files::isRegularFile).sorted().toList();
        }
    }

    static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static List<String> yamlIn(Path dir, String folder) throws IOException {
        return yamlFiles(dir).stream().map(p -> folder + "/" + p.getFileName()).toList();
    }
}
