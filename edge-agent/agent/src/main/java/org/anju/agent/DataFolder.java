package org.anju.agent;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The gateway's data folder: its database and the secrets made on first start (the key that
 * hashes PINs, the local API token), each readable by the gateway's user only. A secret is
 * never regenerated over an existing file: losing the PIN key would lock every tenant out.
 */
public record DataFolder(Path dir) {

    public Path database() {
        return dir.resolve("gateway.db");
    }

    public static DataFolder create(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new DataFolder(dir);
    }

    /** The secret in {@code name}, made with {@code bytes} random bytes (hex) on first use. */
    public String secret(String name, int bytes) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            byte[] random = new byte[bytes];
            new SecureRandom().nextBytes(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random));
            } catch (FileAlreadyExistsException raced) {
                // another start made it first; use theirs
            }
        }
        String value = Files.readString(file).trim();
        if (value.isEmpty()) {
            throw new IOException(file + " is empty; restore it from backup or remove it to make a new one");
        }
        return value;
    }
}
