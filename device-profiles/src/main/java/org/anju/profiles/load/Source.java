package org.anju.profiles.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.anju.profiles.Problem;

/**
 * The text of one file and the name messages give it: the path as the person typed it, or
 * {@code classpath:profiles/x.yaml} for what ships in the jar. {@code directory} is where relative
 * paths inside the file are resolved (empty for shipped files).
 */
public record Source(String name, String text, Optional<Path> directory) {

    /** What reading a file gave: its source, or a problem that says why it could not be read. */
    public sealed interface Read {
    }

    public record Loaded(Source source) implements Read {
    }

    public record Unreadable(Problem problem) implements Read {
    }

    public static Read of(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            return new Unreadable(new Problem(name, 1, 1, Files.exists(file) ? "not a regular file" : "no such file",
                    "give the path of a profile or site file, or of a folder that holds them"));
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            // Keep the folder as the person wrote it, so files found through it are named the same way.
            Path dir = file.getParent() == null ? Path.of(".") : file.getParent();
            return new Loaded(new Source(name, stripBom(text), Optional.of(dir)));
        } catch (CharacterCodingException e) {
            return new Unreadable(new Problem(name, 1, 1, "the file is not UTF-8 text", "save it as UTF-8"));
        } catch (IOException e) {
            return new Unreadable(new Problem(name, 1, 1, "cannot read the file: " + e.getMessage(), "check that it exists and is readable"));
        }
    }

    /** A file shipped in the jar, e.g. {@code profiles/anju-ref-pile-10.yaml}. */
    public static Source resource(String path) {
        try (InputStream in = Source.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new Source("classpath:" + path, stripBom(new String(in.readAllBytes(), StandardCharsets.UTF_8)), Optional.empty());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading the shipped resource " + path, e);
        }
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
