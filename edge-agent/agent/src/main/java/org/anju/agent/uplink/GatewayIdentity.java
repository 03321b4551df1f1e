package org.anju.agent.uplink;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;

import org.anju.bridge.contract.Ed25519Keys;

/**
 * The gateway's own Ed25519 identity: it signs every batch, birth, death and reply the gateway
 * publishes, so the park believes only what this gateway said. Made at the first start in the
 * data folder: {@code gateway.key} (the private key, mode 600, never leaves the gateway) and
 * {@code gateway.pub.pem} (the public key to register with the park: its building's
 * {@code gatewayKeyFile} in park.yaml). Never made again over an existing key: the park would
 * believe nothing the gateway says until the new key is registered.
 */
public final class GatewayIdentity {
    static final String PRIVATE = "gateway.key";
    static final String PUBLIC = "gateway.pub.pem";

    private GatewayIdentity() {
    }

    public static KeyPair load(Path dataDir) throws IOException {
        Path keyFile = dataDir.resolve(PRIVATE);
        Path pubFile = dataDir.resolve(PUBLIC);
        if (!Files.exists(keyFile)) {
            keep(dataDir, Ed25519Keys.generate());
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
        if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException(keyFile + " can be read by other users; chmod 600 it (it is the gateway's signing key)");
        }
        PrivateKey key;
        try {
            key = Ed25519Keys.readPrivate(keyFile);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; restore it from backup, or remove it to make a new identity"
                    + " (then register the new " + PUBLIC + " with the park)", e);
        }
        PublicKey publicKey = publicOf(key);
        String pem = Ed25519Keys.toPem(publicKey);
        if (!Files.exists(pubFile) || !Files.readString(pubFile).equals(pem)) {
            Files.writeString(pubFile, pem);
        }
        return new KeyPair(publicKey, key);
    }

    /** Whether the gateway has its identity already (enrolling uses it rather than making another). */
    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.resolve(PRIVATE));
    }

    /**
     * Keeps {@code made} as the gateway's identity, unless one was kept meanwhile (then that one
     * stays): the private key mode 600, written whole or not at all.
     */
    public static void keep(Path dataDir, KeyPair made) throws IOException {
        Files.createDirectories(dataDir);
        Path keyFile = dataDir.resolve(PRIVATE);
        Path tmp = dataDir.resolve(PRIVATE + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, Ed25519Keys.toPem(made.getPrivate()));
        try {
            Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
        }
    }

    private static PublicKey publicOf(PrivateKey key) throws IOException {
        try {
            return Ed25519Keys.publicOf(key);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException("cannot derive the gateway's public key: " + e.getMessage(), e);
        }
    }
}
