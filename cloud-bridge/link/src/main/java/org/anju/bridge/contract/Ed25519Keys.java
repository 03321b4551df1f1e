package org.anju.bridge.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys in the PEM files {@code openssl genpkey -algorithm ed25519} writes: a private key
 * as PKCS#8 ({@code BEGIN PRIVATE KEY}), a public key as SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}).
 * Problems are {@link IllegalArgumentException}s that name the file and what is wrong.
 */
public final class Ed25519Keys {
    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** The public half of a private key (derived from its seed). */
    public static PublicKey publicOf(PrivateKey key) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    Ed25519.spki(Ed25519.publicKeyOf(key))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    public static PublicKey readPublic(Path pemFile) {
        return publicFromPem(read(pemFile), pemFile.toString());
    }

    public static PrivateKey readPrivate(Path pemFile) {
        return privateFromPem(read(pemFile), pemFile.toString());
    }

    public static PublicKey publicFromPem(String pem, String source) {
        byte[] der = der(pem, "PUBLIC KEY", source);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": not an Ed25519 public key (" + e.getMessage() + ")");
        }
    }

    public static PrivateKey privateFromPem(String pem, String source) {
        byte[] der = der(pem, "PRIVATE KEY", source);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(source + ": not an Ed25519 private key (" + e.getMessage() + ")");
        }
    }

    public static String toPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String toPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static byte[] der(String pem, String label, String source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(source + ": expected a PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": the PEM block is not base64");
        }
    }
}
