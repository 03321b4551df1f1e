package org.anju.bridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away certificate authority made with the {@code openssl} command line: a CA, a server
 * certificate for {@code localhost} and {@code 127.0.0.1}, and a client certificate, all with
 * EC P-256 keys in PKCS#8 PEM.
 */
public record TestPki(Path dir) {

    public static TestPki create(Path dir) throws IOException {
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        pki.key(pki.caKey());
        openssl("req", "-x509", "-new", "-key", pki.caKey().toString(), "-days", "2", "-subj", "/CN=anju-test-ca",
                "-out", pki.caCert().toString());
        pki.issue("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        pki.issue("client", "/CN=gw-1", "extendedKeyUsage=clientAuth");
        return pki;
    }

    /** Another CA that signed nothing of this one's: for "wrong CA" tests. */
    public static TestPki other(Path dir) throws IOException {
        return create(dir);
    }

    public Path caKey() {
        return dir.resolve("ca.key");
    }

    public Path caCert() {
        return dir.resolve("ca.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    private void key(Path file) throws IOException {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", file.toString());
    }

    private void issue(String name, String subject, String extension) throws IOException {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        key(key);
        openssl("req", "-new", "-key", key.toString(), "-subj", subject, "-out", csr.toString());
        Files.writeString(ext, extension + "\n", StandardCharsets.US_ASCII);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert().toString(), "-CAkey", caKey().toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", dir.resolve(name + ".pem").toString());
    }

    static void openssl(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        MosquittoBroker.run(command);
    }
}
