package org.anju.bridge.uplink;

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
     * A file of two lines: the user name, then the password (the rest of the second line, spaces
     * included). It should be readable by the agent's user only; a file others can read is used
     * but warned about, once per connection attempt.
     */
    record File(Path path) implements CredentialSource {
        private static final System.Logger LOG = System.getLogger(CredentialSource.class.getName());

        @Override
        public Credentials resolve(Map<String, String> environment) {
            List<String> lines;
            try {
                lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException(path + ": cannot read the MQTT credentials (" + e.getMessage() + ")");
            }
            if (lines.size() < 2 || lines.get(0).isBlank() || lines.get(1).isEmpty()) {
                throw new IllegalArgumentException(path + ": expected the user name on line 1 and the password on line 2");
            }
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
                if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                    LOG.log(System.Logger.Level.WARNING, "{0} can be read by other users; chmod 600 it", path);
                }
            } catch (IOException | UnsupportedOperationException e) {
                // not a POSIX file system: nothing to check
            }
            return new Credentials(lines.get(0).strip(), lines.get(1).toCharArray());
        }
    }

    /** Two environment variables, e.g. {@code ANJU_MQTT_USERNAME} and {@code ANJU_MQTT_PASSWORD}. */
    record Environment(String usernameVariable, String passwordVariable) implements CredentialSource {
        @Override
        public Credentials resolve(Map<String, String> environment) {
            String user = environment.get(usernameVariable);
            String password = environment.get(passwordVariable);
            if (user == null || user.isBlank() || password == null || password.isEmpty()) {
                throw new IllegalArgumentException("MQTT credentials: set the environment variables "
                        + usernameVariable + " and " + passwordVariable);
            }
            return new Credentials(user, password.toCharArray());
        }
    }
}
