package org.anju.agent.enroll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.anju.agent.uplink.GatewayIdentity;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;

/**
 * {@code anju agent enroll --park URL --code CODE [--site FILE]}: the gateway joins its park. It
 * uses its identity key (made now, in memory, if the data folder the site file names has none),
 * sends the public half with the admin's code to {@code POST /api/v1/enroll}, and only once the
 * park has accepted writes: the key (mode 600), the park's command keys beside the site file, the
 * broker password the park issued (mode 600, in the data folder), and the site file with its
 * {@code park} section and gateway id from the answer, the old file kept as {@code FILE.bak}. A
 * refused code, an unreachable park or an unreadable site file is one line and changes nothing.
 */
public final class EnrollCommand {
    static final String USAGE = "usage: anju agent enroll --park URL --code CODE [--site FILE (default /etc/anju/site.yaml)]";
    static final String PASSWORD_FILE = "broker.password";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the command says and its exit status. */
    public record Outcome(int status, List<String> out, List<String> err) {
        static Outcome refused(int status, String line) {
            return new Outcome(status, List.of(), List.of("anju agent enroll: " + line));
        }
    }

    private EnrollCommand() {
    }

    public static Outcome run(List<String> args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!List.of("--park", "--code", "--site").contains(name) || i + 1 >= args.size() || options.containsKey(name)) {
                return new Outcome(2, List.of(), List.of(USAGE));
            }
            options.put(name, args.get(i + 1));
        }
        String park = options.get("--park");
        String code = options.get("--code");
        if (park == null || code == null) {
            return new Outcome(2, List.of(), List.of(USAGE));
        }
        if (!park.matches("https?://[^\\s/]+/?")) {
            return Outcome.refused(2, "--park " + park + ": expected the park's address, e.g. https://anju.park.example");
        }
        Path site = Path.of(options.getOrDefault("--site", "/etc/anju/site.yaml")).toAbsolutePath();
        return enroll(park.replaceAll("/$", ""), code, site);
    }

    private static Outcome enroll(String park, String code, Path site) {
        String oldText;
        ObjectNode old;
        try {
            oldText = Files.exists(site) ? Files.readString(site) : null;
            old = SiteParkSection.read(oldText);
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.refused(2, site + ": cannot read it as a site file: " + firstLine(e.getMessage()) + "; nothing was changed");
        }
        String dataDirText = old.path("gateway").path("dataDir").asText("/var/lib/anju");
        Path dataDir = site.getParent().resolve(dataDirText);
        KeyPair identity;
        boolean made;
        try {
            made = !GatewayIdentity.exists(dataDir);
            identity = made ? Ed25519Keys.generate() : GatewayIdentity.load(dataDir);
        } catch (IOException e) {
            return Outcome.refused(1, "the gateway's key in " + dataDir + ": " + e.getMessage() + "; nothing was changed");
        }
        HttpResponse<String> response;
        try {
            String body = JSON.writeValueAsString(Map.of("code", code, "publicKey", Ed25519Keys.toPem(identity.getPublic())));
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build().send(
                    HttpRequest.newBuilder(URI.create(park + "/api/v1/enroll")).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").header("Accept-Language", "en")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return Outcome.refused(1, "cannot reach the park at " + park + ": " + e + "; nothing was changed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.refused(1, "interrupted; nothing was changed");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            return Outcome.refused(1, park + " answered " + response.statusCode() + " with no JSON (is it the park?); nothing was changed");
        }
        if (response.statusCode() != 200) {
            return Outcome.refused(1, "the park refused: " + answer.path("error").asText("status " + response.statusCode())
                    + (answer.has("detail") ? " (" + answer.path("detail").asText() + ")" : ""));
        }
        try {
            return written(site, oldText, dataDirText, dataDir, identity, made, answer);
        } catch (IOException | RuntimeException e) {
            // the park has enrolled the key: what is missing here can be written by hand from the answer
            return Outcome.refused(1, "the park enrolled this gateway, but writing " + site + " failed: " + e.getMessage()
                    + "; its park section must be written by hand (gateway " + answer.path("gateway").asText() + ", park "
                    + answer.path("park").asText() + ", broker " + answer.path("broker").path("uri").asText() + ")");
        }
    }

    private static Outcome written(Path site, String oldText, String dataDirText, Path dataDir, KeyPair identity, boolean made,
                                   JsonNode answer) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        String gateway = answer.path("gateway").asText();
        JsonNode broker = answer.path("broker");
        if (made) {
            GatewayIdentity.keep(dataDir, identity);
        }
        GatewayIdentity.load(dataDir);
        List<SiteParkSection.CommandKey> keys = new ArrayList<>();
        for (JsonNode k : answer.path("commandKeys")) {
            String file = "park-" + k.path("id").asText() + ".pub.pem";
            // checked before it is written: a key the gateway cannot read would refuse every command
            Ed25519Keys.publicFromPem(k.path("publicKey").asText(), "the park's command key " + k.path("id").asText());
            Files.writeString(site.getParent().resolve(file), k.path("publicKey").asText());
            keys.add(new SiteParkSection.CommandKey(k.path("id").asText(), file));
        }
        SiteParkSection.Credentials credentials = null;
        boolean issued = "issued".equals(broker.path("credentials").asText());
        if (issued) {
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            Path tmp = dataDir.resolve(PASSWORD_FILE + ".new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, broker.path("password").asText() + "\n");
            Files.move(tmp, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            credentials = new SiteParkSection.Credentials(broker.path("username").asText(),
                    dataDirText.replaceAll("/$", "") + "/" + PASSWORD_FILE);
        }
        String text = SiteParkSection.rewrite(oldText, new SiteParkSection.Given(answer.path("park").asText(), gateway,
                broker.path("uri").asText(), broker.path("protocol").asText("mqtt5"), credentials, keys));
        if (oldText != null) {
            Files.writeString(site.resolveSibling(site.getFileName() + ".bak"), oldText);
        }
        Path tmp = site.resolveSibling(site.getFileName() + ".new");
        Files.writeString(tmp, text);
        Files.move(tmp, site, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.add("anju agent enroll: gateway " + gateway + " of park " + answer.path("park").asText() + " (building "
                + answer.path("building").asText() + ") enrolled; " + site + " has its park section"
                + (oldText != null ? " (the old file is " + site.getFileName() + ".bak)" : ""));
        if (issued) {
            out.add("anju agent enroll: broker user " + broker.path("username").asText() + " issued by the park; its password is in "
                    + dataDir.resolve(PASSWORD_FILE));
        } else {
            err.add("anju agent enroll: broker credentials were NOT issued: " + broker.path("note").asText(
                    "the park makes no broker accounts") + " Then add park.username: " + broker.path("username").asText()
                    + " and park.passwordFile to " + site + ".");
        }
        LoadResult loaded = SiteLoader.load(site);
        if (loaded instanceof LoadResult.Invalid invalid) {
            err.add("anju agent enroll: " + site + " is not ready to run yet; fix these, then anju agent --config " + site + " --check:");
            for (Problem p : invalid.problems()) {
                err.add(p.toString());
            }
        }
        return new Outcome(0, out, err);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
