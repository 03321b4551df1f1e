package org.anju.bridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Mosquitto with exactly the files an INSTALL.md documents ({@code <!-- file: PATH -->}
 * blocks), only paths and the port changed, over TLS with a throw-away CA; every user's password is
 * its name followed by {@code -secret}.
 */
public final class DocumentedBroker {
    private static final Pattern FILE = Pattern.compile("<!-- file: (\\S+) -->\\s*```text\\n(.*?)```", Pattern.DOTALL);

    private DocumentedBroker() {
    }

    public static Map<String, String> files(Path installPage) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE.matcher(Files.readString(installPage, StandardCharsets.UTF_8));
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    public static MosquittoBroker start(Path installPage, Path dir, TestPki pki, List<String> users) throws IOException {
        Map<String, String> files = files(installPage);
        Files.createDirectories(dir);
        Path acl = Files.writeString(dir.resolve("anju.acl"), files.get("/etc/mosquitto/anju.acl"));
        Path passwd = dir.resolve("anju.passwd");
        Files.writeString(passwd, "");
        for (String user : users) {
            MosquittoBroker.run("mosquitto_passwd", "-b", passwd.toString(), user, password(user));
        }
        String conf = files.get("/etc/mosquitto/conf.d/anju.conf")
                .replace("/etc/mosquitto/anju.passwd", passwd.toString())
                .replace("/etc/mosquitto/anju.acl", acl.toString())
                .replace("/etc/mosquitto/certs/park-ca.pem", pki.caCert().toString())
                .replace("/etc/mosquitto/certs/mqtt.park.example.pem", pki.serverCert().toString())
                .replace("/etc/mosquitto/certs/mqtt.park.example.key", pki.serverKey().toString());
        if (!conf.contains("listener 8883\n")) {
            throw new IllegalStateException(installPage + ": the documented broker has no 'listener 8883' line");
        }
        return MosquittoBroker.in(dir.resolve("broker"))
                .configured(port -> conf.replace("listener 8883\n", "listener " + port + " 127.0.0.1\n")).start();
    }

    public static String password(String user) {
        return user + "-secret";
    }

    /** The documented TLS listener as a URL whose host the test certificate names. */
    public static String uri(MosquittoBroker broker) {
        return "ssl://localhost:" + broker.port();
    }

    /** A password file for {@code user} in {@code dir}, mode 600. */
    public static Path passwordFile(Path dir, String user) throws IOException {
        Path file = dir.resolve(user + ".password");
        Files.writeString(file, password(user) + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
