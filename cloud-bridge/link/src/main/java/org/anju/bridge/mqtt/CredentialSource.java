package org.anju.bridge.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the broker user name and password come from. They are read at each connection attempt
 * (a rotated password is picked up without a restart) and never logged.
 */
public sealed interface CredentialSource {

    /** A user name and password; {@link #toString()} does not show the password. */
    record Credentials(String username, char[] password) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", ****]";
        }
    }

    /** Resolves to credentials, or null for an anonymous connection; a problem is an {@link IllegalArgumentException}. */
    Credentials resolve(Map<String, String> environment);

    /** Anonymous. */
    record None() implements CredentialSource {
        @Override
        public Credentials resolve(Map<String, String> environment) {
            return null;
        }
    }

    /**
     * A user name and a password kept in a file, on its first line (a trailing newline is not part
     * of it). The file should be readable by the agent's user only; a file others can read is used
     * but warned about, once per connection attempt.
     */
    record PasswordFile(String username, Path path) implements CredentialSource {
        private static final System.Logger LOG = System.getLogger(CredentialSource.class.getName());

        public PasswordFile {
            requireUsername(username);
        }

        @Override
        public Credentials resolve(Map<String, String> environment) {
            List<String> lines;
            try {
                lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ": cannot read the MQTT password (" + e.getMessage() + ")");
            }
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new IllegalArgumentException(path + ": expected the MQTT password on the first line");
            }
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
                if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                    LOG.log(System.Logger.Level.WARNING, "{0} can be read by other users; chmod 600 it", path);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not a POSIX file system: nothing to check
            }
            return new Credentials(username, lines.get(0).toCharArray());
        }
    }

    /** A user name and a password held in an environment variable, e.g. {@code ANJU_MQTT_PASSWORD}. */
    record PasswordVariable(String username, String variable) implements CredentialSource {
        public PasswordVariable {
            requireUsername(username);
        }

        @Override
        public Credentials resolve(Map<String, String> environment) {
            String password = environment.get(variable);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("MQTT password: set the environment variable " + variable);
            }
            return new Credentials(username, password.toCharArray());
        }
    }

    private static void requireUsername(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a password needs a user name");
        }
    }
}
