package org.anju.bridge.command;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.anju.bridge.contract.CommandBody;
import org.anju.bridge.contract.CommandKind;
import org.anju.bridge.contract.CommandSigning;
import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.ReplyResult;
import org.anju.bridge.contract.SignedCommand;
import org.anju.bridge.contract.Topics;

/**
 * The gateway's check of a command payload, in this order: it is a command of this contract
 * (else {@code MALFORMED}); its signature verifies with a trusted park key ({@code BAD_SIGNATURE});
 * it is for this park and gateway ({@code WRONG_GATEWAY}); it is within its validity window and
 * that window is not longer than allowed ({@code EXPIRED}); its nonce is new ({@code REPLAYED},
 * recorded durably before the command can act); its kind is known ({@code UNKNOWN_KIND}); its
 * body is valid for its kind ({@code MALFORMED}). Nothing unsigned touches the replay cache, so a
 * flood of forgeries cannot fill it. {@link #verify} never throws.
 */
public final class CommandVerifier {

    /**
     * @param self        this gateway's topics: the park and gateway a command must name
     * @param trustedKeys the park's public keys by key id
     * @param maxLifetime the longest {@code expiresAt - issuedAt} accepted; bounds how long a
     *                    captured command stays usable and how long its nonce must be kept
     * @param clockSkew   how far the park's and this gateway's clocks may disagree
     * @param maxBytes    larger payloads are refused unread
     */
    public record Settings(Topics self, Map<String, PublicKey> trustedKeys, Duration maxLifetime, Duration clockSkew,
                           int maxBytes) {
        public Settings {
            trustedKeys = Map.copyOf(trustedKeys);
            if (trustedKeys.isEmpty()) {
                throw new IllegalArgumentException("at least one trusted park key is needed");
            }
            trustedKeys.keySet().forEach(id -> Contract.requireId("key id", id));
            if (maxLifetime.isNegative() || maxLifetime.isZero() || clockSkew.isNegative()) {
                throw new IllegalArgumentException("maxLifetime must be positive and clockSkew not negative");
            }
        }

        /** Ten minutes of validity at most, thirty seconds of skew, 2 MiB payloads. */
        public static Settings of(Topics self, Map<String, PublicKey> trustedKeys) {
            return new Settings(self, trustedKeys, Duration.ofMinutes(10), Duration.ofSeconds(30), 2 << 20);
        }
    }

    private final Settings settings;
    private final NonceCache nonces;
    private final Clock clock;

    public CommandVerifier(Settings settings, NonceCache nonces, Clock clock) {
        this.settings = settings;
        this.nonces = nonces;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    public Verdict verify(byte[] payload) {
        try {
            return check(payload);
        } catch (RuntimeException e) {
            // a bug in a check must not let a command through, nor kill the command thread
            return new Verdict.Rejected(ReplyResult.MALFORMED, null, null, "could not be checked: " + e);
        }
    }

    private Verdict check(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return rejected(ReplyResult.MALFORMED, null, null, "empty payload");
        }
        if (payload.length > settings.maxBytes()) {
            return rejected(ReplyResult.MALFORMED, null, null,
                    "payload of " + payload.length + " bytes; at most " + settings.maxBytes());
        }
        JsonNode tree;
        try {
            tree = ContractJson.mapper().readTree(payload);
        } catch (IOException e) {
            return rejected(ReplyResult.MALFORMED, null, null, "not JSON");
        }
        String requestId = text(tree, "id").filter(Contract::isId).orElse(null);
        String kindName = text(tree, "kind").filter(Contract::isType).orElse(null);
        Decoded<SignedCommand> decoded = ContractJson.decode(tree, SignedCommand.class);
        if (decoded instanceof Decoded.Invalid<SignedCommand> invalid) {
            return rejected(ReplyResult.MALFORMED, requestId, kindName, invalid.reason());
        }
        SignedCommand command = ((Decoded.Ok<SignedCommand>) decoded).value();

        PublicKey key = settings.trustedKeys().get(command.keyId());
        if (key == null) {
            return rejected(ReplyResult.BAD_SIGNATURE, requestId, kindName,
                    "key '" + command.keyId() + "' is not trusted by this gateway");
        }
        if (!CommandSigning.verify(key, command)) {
            return rejected(ReplyResult.BAD_SIGNATURE, requestId, kindName,
                    "signature does not verify with key '" + command.keyId() + "'");
        }
        Topics self = settings.self();
        if (!self.park().equals(command.park()) || !self.gateway().equals(command.gateway())) {
            return rejected(ReplyResult.WRONG_GATEWAY, requestId, kindName,
                    "signed for gateway " + command.gateway() + " of park " + command.park());
        }
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        if (now > command.expiresAt() + skew) {
            return rejected(ReplyResult.EXPIRED, requestId, kindName,
                    "expired " + seconds(now - command.expiresAt()) + " ago");
        }
        if (command.issuedAt() > now + skew) {
            return rejected(ReplyResult.EXPIRED, requestId, kindName, "issued " + seconds(command.issuedAt() - now)
                    + " in the future by this gateway's clock; check the gateway's time");
        }
        if (command.expiresAt() - command.issuedAt() > settings.maxLifetime().toMillis()) {
            return rejected(ReplyResult.EXPIRED, requestId, kindName, "valid for "
                    + seconds(command.expiresAt() - command.issuedAt()) + ", longer than the "
                    + seconds(settings.maxLifetime().toMillis()) + " this gateway accepts");
        }
        switch (nonces.check(command.nonce(), command.expiresAt() + skew)) {
            case REPLAYED:
                return rejected(ReplyResult.REPLAYED, requestId, kindName, "nonce seen before");
            case FULL:
                return rejected(ReplyResult.OVERLOADED, requestId, kindName, "replay cache full; retry later");
            case STORE_FAILED:
                return rejected(ReplyResult.OVERLOADED, requestId, kindName,
                        "cannot record the nonce on this gateway's disk; refused rather than risk a replay");
            default:
                break;
        }
        Optional<CommandKind> kind = CommandKind.of(command.kind());
        if (kind.isEmpty()) {
            return rejected(ReplyResult.UNKNOWN_KIND, requestId, kindName,
                    "kind '" + command.kind() + "' is not known to this gateway");
        }
        CommandBody body;
        try {
            JsonNode bodyTree = ContractJson.mapper().readTree(command.body());
            if (bodyTree == null || !bodyTree.isObject()) {
                return rejected(ReplyResult.MALFORMED, requestId, kindName, "body is not a JSON object");
            }
            body = ContractJson.mapper().treeToValue(bodyTree, kind.get().bodyType());
        } catch (IOException | RuntimeException e) {
            return rejected(ReplyResult.MALFORMED, requestId, kindName, "body: " + bodyProblem(e));
        }
        return new Verdict.Accepted(new VerifiedCommand(command.id(), body, command.keyId(),
                Instant.ofEpochMilli(command.issuedAt()), Instant.ofEpochMilli(command.expiresAt())));
    }

    private static Verdict rejected(ReplyResult reason, String requestId, String kind, String detail) {
        return new Verdict.Rejected(reason, requestId, kind, detail);
    }

    private static Optional<String> text(JsonNode tree, String field) {
        JsonNode node = tree == null ? null : tree.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static String seconds(long millis) {
        return millis < 10_000 ? String.format("%.1f s", millis / 1000.0) : (millis / 1000) + " s";
    }

    /** The reason a body was refused, never its content (it may be a roster with names and PINs). */
    private static String bodyProblem(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof IllegalArgumentException) {
            return t.getMessage(); // the records' own messages name fields, never values
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : mapping.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            return "invalid or missing value at '" + path + "'";
        }
        return "not valid JSON";
    }
}
