package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A signed payload opens to exactly the JSON that was signed, and to nothing once any byte changed. */
class SignedJsonTest {
    private static final KeyPair GATEWAY = Ed25519Keys.generate();
    private static final KeyPair OTHER = Ed25519Keys.generate();
    private static final Topics GW = new Topics("huaqiao-p1", "gw-b07");

    private static byte[] batch() {
        return ContractJson.encode(EventBatch.of(GW, 42, 10, 1_773_561_612_345L, List.of(
                new EventBatch.Event(11, 1, Priority.ACCESS, "door.opened", "{\"door\":\"entrance-1\",\"note\":\"张伟 \\\"q\\\"\"}"))));
    }

    @Property(tries = 200)
    void anySingleByteChangedIsRefused(@ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte delta) {
        byte[] signed = SignedJson.sign(SignedJson.GATEWAY, batch(), GATEWAY.getPrivate());
        assertThat(SignedJson.open(SignedJson.GATEWAY, signed, GATEWAY.getPublic()))
                .isInstanceOf(SignedJson.Opened.Valid.class);
        if (delta == 0) {
            return;
        }
        byte[] tampered = signed.clone();
        tampered[at % tampered.length] += delta;
        assertThat(SignedJson.open(SignedJson.GATEWAY, tampered, GATEWAY.getPublic()))
                .isInstanceOf(SignedJson.Opened.Invalid.class);
    }

    @org.junit.jupiter.api.Test
    void itOpensToTheSignedJsonAndOnlyWithTheSignersKey() {
        byte[] json = batch();
        byte[] signed = SignedJson.sign(SignedJson.GATEWAY, json, GATEWAY.getPrivate());
        String text = new String(signed, StandardCharsets.UTF_8);
        String unsigned = new String(json, StandardCharsets.UTF_8);
        assertThat(text).startsWith(unsigned.substring(0, unsigned.length() - 1) + ",\"sig\":\"")
                .endsWith("\"}");
        SignedJson.Opened opened = SignedJson.open(SignedJson.GATEWAY, signed, GATEWAY.getPublic());
        assertThat(opened).isInstanceOf(SignedJson.Opened.Valid.class);
        assertThat(((SignedJson.Opened.Valid) opened).json()).isEqualTo(json);
        assertThat(ContractJson.decode(signed, EventBatch.class)).as("readers that ignore sig still read it")
                .isInstanceOf(Decoded.Ok.class);
        assertThat(SignedJson.open(SignedJson.GATEWAY, signed, OTHER.getPublic()))
                .isEqualTo(new SignedJson.Opened.Invalid("bad-signature"));
        assertThat(SignedJson.open(SignedJson.GATEWAY, json, GATEWAY.getPublic()))
                .isEqualTo(new SignedJson.Opened.Invalid("unsigned"));
        assertThat(SignedJson.open(SignedJson.RECEIPT, signed, GATEWAY.getPublic()))
                .as("another domain").isEqualTo(new SignedJson.Opened.Invalid("bad-signature"));
        String spaced = text.replace(",\"sig\":\"", ", \"sig\": \"");
        assertThat(SignedJson.open(SignedJson.GATEWAY, spaced.getBytes(StandardCharsets.UTF_8), GATEWAY.getPublic()))
                .isEqualTo(new SignedJson.Opened.Invalid("unsigned"));
    }
}
