package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ContractJsonTest {
    private static <T> String reason(String json, Class<T> type) {
        Decoded<T> d = ContractJson.decode(json.getBytes(StandardCharsets.UTF_8), type);
        assertThat(d).isInstanceOf(Decoded.Invalid.class);
        return ((Decoded.Invalid<T>) d).reason();
    }

    @Test
    void aNewerOrMissingVersionIsRefusedByName() {
        assertThat(reason("{\"v\":2,\"kind\":\"death\"}", GatewayState.class)).contains("version 2").contains("speaks 1");
        assertThat(reason("{\"kind\":\"death\"}", GatewayState.class)).contains("'v'");
        assertThat(reason("{\"v\":\"1\"}", GatewayState.class)).contains("'v'");
    }

    @Test
    void unknownFieldsAreIgnoredSoAdditionsStayCompatible() {
        Decoded<GatewayState> d = ContractJson.decode(("{\"kind\":\"death\",\"v\":1,\"park\":\"p\",\"gateway\":\"g\","
                + "\"session\":3,\"cause\":\"LOST\",\"addedIn11\":true}").getBytes(StandardCharsets.UTF_8), GatewayState.class);
        assertThat(d).isEqualTo(new Decoded.Ok<GatewayState>(new GatewayState.Death(1, "p", "g", 3, GatewayState.Cause.LOST)));
    }

    @Test
    void duplicateKeysMissingNumbersAndBadValuesAreRefused() {
        assertThat(reason("{\"kind\":\"death\",\"v\":1,\"park\":\"p\",\"park\":\"q\",\"gateway\":\"g\",\"session\":3,"
                + "\"cause\":\"LOST\"}", GatewayState.class)).contains("park");
        assertThat(reason("{\"kind\":\"death\",\"v\":1,\"park\":\"p\",\"gateway\":\"g\",\"cause\":\"LOST\"}",
                GatewayState.class)).isNotBlank();
        assertThat(reason("{\"kind\":\"death\",\"v\":1,\"park\":\"p/q\",\"gateway\":\"g\",\"session\":3,"
                + "\"cause\":\"LOST\"}", GatewayState.class)).contains("park must be");
        assertThat(reason("{\"kind\":\"coma\",\"v\":1}", GatewayState.class)).isNotBlank();
        assertThat(reason("[1,2]", GatewayState.class)).contains("not a JSON object");
        assertThat(reason("{\"v\":1,", GatewayState.class)).startsWith("not JSON");
    }

    @Property(tries = 300)
    void decodeNeverThrows(@ForAll byte[] bytes, @ForAll String text) {
        for (Class<?> type : new Class<?>[] {EventBatch.class, GatewayState.class, SignedCommand.class, CommandReply.class}) {
            assertThat(ContractJson.decode(bytes, type)).isNotNull();
            assertThat(ContractJson.decode(text.getBytes(StandardCharsets.UTF_8), type)).isNotNull();
            assertThat(ContractJson.decode(("{\"v\":1,\"x\":" + text + "}").getBytes(StandardCharsets.UTF_8), type))
                    .isNotNull();
        }
    }

    @Test
    void aBatchKeepsPayloadsAsWrittenAndRefusesMixedPriorities() {
        EventBatch.Event a = new EventBatch.Event(5, 0, Priority.ACCESS, "door.access", "{\"door\":\"entrance-1\",\"n\":[1,2]}");
        EventBatch.Event b = new EventBatch.Event(6, 0, Priority.ALARM, "alarm.smoke", "{}");
        String json = new String(ContractJson.encode(EventBatch.of(new Topics("p", "g"), 1, 0, 0, java.util.List.of(a))),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"payload\":{\"door\":\"entrance-1\",\"n\":[1,2]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventBatch.of(new Topics("p", "g"), 1, 0, 0,
                java.util.List.of(a, b))).hasMessageContaining("one priority");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventBatch.of(new Topics("p", "g"), 1, 0, 0,
                java.util.List.of(new EventBatch.Event(6, 0, Priority.ACCESS, "door.access", "{}"), a)))
                .hasMessageContaining("increasing");
        assertThat(EventBatch.Event.isObject("{} {}")).isFalse();
        assertThat(EventBatch.Event.isObject(" {\"a\":1} ")).isTrue();
        assertThat(EventBatch.Event.isObject("[1]")).isFalse();
    }
}
