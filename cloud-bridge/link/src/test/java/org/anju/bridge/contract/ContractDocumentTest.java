package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.anju.bridge.telemetry.PortReading;
import org.anju.bridge.testing.SchemaChecker;

/**
 * CONTRACT.md and the code say the same: every example in the document conforms to its schema and
 * reads back through the records, every schema has an example, and the example command's
 * signature is the example key's signature of the canonical text.
 */
class ContractDocumentTest {
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("<!-- example-key: (\\S+) -->\\s*```text\\n(.*?)```", Pattern.DOTALL);

    private static String document() throws IOException {
        return Files.readString(Path.of("../CONTRACT.md"), StandardCharsets.UTF_8);
    }

    private static List<Map.Entry<String, String>> examples() throws IOException {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(document());
        while (m.find()) {
            found.add(Map.entry(m.group(1), m.group(2)));
        }
        return found;
    }

    static Set<String> schemaNames() throws IOException, URISyntaxException {
        Path root = Path.of(ContractDocumentTest.class.getClassLoader().getResource("contract").toURI());
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(".schema.json")).forEach(p -> names.add(
                    root.relativize(p).toString().replace('\\', '/').replace(".schema.json", "")));
        }
        return names;
    }

    @Test
    void everyExampleConformsToItsSchemaAndReadsBackThroughTheRecords() throws IOException {
        List<Map.Entry<String, String>> examples = examples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
        for (Map.Entry<String, String> example : examples) {
            byte[] json = example.getValue().getBytes(StandardCharsets.UTF_8);
            SchemaChecker schema = SchemaChecker.load("contract/" + example.getKey() + ".schema.json");
            assertThat(schema.problems(json)).as("example of %s", example.getKey()).isEmpty();
            Class<?> type = recordFor(example.getKey());
            assertThat(ContractJson.decode(wrapIfBody(example.getKey(), json), type))
                    .as("example of %s as %s", example.getKey(), type.getSimpleName())
                    .isInstanceOf(Decoded.Ok.class);
        }
    }

    @Test
    void everySchemaHasAnExampleInTheDocument() throws Exception {
        Set<String> documented = new TreeSet<>();
        examples().forEach(e -> documented.add(e.getKey()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(schemaNames());
    }

    @Test
    void theExampleCommandIsSignedByTheExampleKey() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher m = KEY.matcher(document());
        while (m.find()) {
            keys.put(m.group(1), m.group(2));
        }
        PublicKey publicKey = Ed25519Keys.publicFromPem(keys.get("public"), "CONTRACT.md");
        PrivateKey privateKey = Ed25519Keys.privateFromPem(keys.get("private"), "CONTRACT.md");
        String json = examples().stream().filter(e -> e.getKey().equals("command")).findFirst().orElseThrow().getValue();
        SignedCommand command = ((Decoded.Ok<SignedCommand>) ContractJson.decode(
                json.getBytes(StandardCharsets.UTF_8), SignedCommand.class)).value();

        assertThat(CommandSigning.verify(publicKey, command)).isTrue();
        // Ed25519 is deterministic: signing the same text again gives the same signature
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(CommandSigning.canonicalBytes(command));
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign())).isEqualTo(command.sig());
        // and the example tenant pass is the same key's signature of its canonical text
        String passJson = examples().stream().filter(e -> e.getKey().equals("tenant-pass")).findFirst().orElseThrow().getValue();
        TenantPass pass = ((Decoded.Ok<TenantPass>) ContractJson.decode(passJson.getBytes(StandardCharsets.UTF_8),
                TenantPass.class)).value();
        assertThat(pass.verifies(publicKey)).isTrue();
        assertThat(pass.signedWith(privateKey)).isEqualTo(pass);
        // and the body is the door.open example
        assertThat(ContractJson.mapper().readValue(command.body(), CommandBody.DoorOpen.class))
                .isEqualTo(new CommandBody.DoorOpen("entrance-1", "t-8f3a"));
    }

    @Test
    void everyGatewayMessageIsSignedByTheExampleGatewayKeyAndTheReceiptByThePark() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        Matcher m = KEY.matcher(document());
        while (m.find()) {
            keys.put(m.group(1), m.group(2));
        }
        PublicKey gateway = Ed25519Keys.publicFromPem(keys.get("gateway-public"), "CONTRACT.md");
        PublicKey park = Ed25519Keys.publicFromPem(keys.get("public"), "CONTRACT.md");
        int checked = 0;
        for (Map.Entry<String, String> example : examples()) {
            String name = example.getKey();
            byte[] payload = example.getValue().strip().getBytes(StandardCharsets.UTF_8);
            if (Set.of("event-batch", "birth", "death", "status", "command-reply").contains(name)) {
                assertThat(SignedJson.open(SignedJson.GATEWAY, payload, gateway)).as("example of %s", name)
                        .isInstanceOf(SignedJson.Opened.Valid.class);
                checked++;
            } else if (name.equals("delivery-receipt")) {
                assertThat(SignedJson.open(SignedJson.RECEIPT, payload, park)).as("example receipt")
                        .isInstanceOf(SignedJson.Opened.Valid.class);
                assertThat(SignedJson.open(SignedJson.GATEWAY, payload, gateway)).isInstanceOf(SignedJson.Opened.Invalid.class);
                checked++;
            }
        }
        assertThat(checked).as("two batches, two births, death, two statuses, four replies, the receipt").isEqualTo(12);
    }

    /** Bodies and payloads have no {@code v}: the codec's version check is for messages. */
    private static byte[] wrapIfBody(String name, byte[] json) throws IOException {
        if (!name.startsWith("commands/") && !name.startsWith("payloads/")) {
            return json;
        }
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ContractJson.mapper().readTree(json);
        tree.put("v", Contract.VERSION);
        return ContractJson.mapper().writeValueAsBytes(tree);
    }

    static Class<?> recordFor(String schemaName) {
        switch (schemaName) {
            case "event-batch":
                return EventBatch.class;
            case "delivery-receipt":
                return DeliveryReceipt.class;
            case "tenant-pass":
                return TenantPass.class;
            case "birth":
            case "death":
                return GatewayState.class;
            case "command":
                return SignedCommand.class;
            case "command-reply":
                return CommandReply.class;
            case "status":
                return GatewayStatus.class;
            case "payloads/port.reading":
                return PortReading.class;
            case "payloads/lift.access":
                return org.anju.bridge.events.LiftAccess.class;
            case "payloads/lift.fire_release":
                return org.anju.bridge.events.LiftFireRelease.class;
            case "payloads/gate.passage":
                return org.anju.bridge.events.GatePassage.class;
            case "payloads/occupancy.roll":
                return org.anju.bridge.events.OccupancyRoll.class;
            case "payloads/command.completed":
                return CommandCompletion.class;
            default:
                if (schemaName.startsWith("commands/")) {
                    return CommandKind.of(schemaName.substring("commands/".length())).orElseThrow().bodyType();
                }
                throw new IllegalArgumentException("no record for schema " + schemaName);
        }
    }
}
