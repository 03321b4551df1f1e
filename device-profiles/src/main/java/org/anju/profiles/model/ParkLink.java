package org.anju.profiles.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the gateway reaches the park's MQTT broker. The password is a reference only, never the
 * secret itself: site files are copied, mailed and committed.
 */
public record ParkLink(URI broker, String clientId, Optional<String> username, Optional<Credential> password,
                       Optional<Path> caFile) {

    /** Where the gateway reads a secret from. */
    public sealed interface Credential {
    }

    public record FromFile(Path path) implements Credential {
    }

    public record FromEnvironment(String variable) implements Credential {
    }
}
