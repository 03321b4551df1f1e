package org.anju.profiles.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the gateway reaches the park's MQTT broker ({@code protocol}: {@code mqtt5}, or {@code mqtt311}
 * for Moquette only), and how often it tells the park how it is ({@code statusEvery}, its status
 * message). The password is a reference only, never the
 * secret itself: site files are copied, mailed and committed.
 */
public record ParkLink(String parkId, URI broker, String clientId, Optional<String> username,
                       Optional<Credential> password, Optional<Path> caFile, Optional<ClientCertificate> clientCertificate,
                       List<CommandKey> commandKeys, int drainRate, Optional<Path> offlinePinKeyFile, String protocol,
                       java.time.Duration statusEvery) {

    /** This gateway's certificate and its private key, for a broker that authenticates clients by certificate. */
    public record ClientCertificate(Path certFile, Path keyFile) {
    }

    /** A key the park signs commands with, by the id commands name it with. */
    public record CommandKey(String id, Path file) {
    }

    /** Where the gateway reads a secret from. */
    public sealed interface Credential {
    }

    public record FromFile(Path path) implements Credential {
    }

    public record FromEnvironment(String variable) implements Credential {
    }
}
