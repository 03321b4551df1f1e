package org.anju.agent.coap;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.californium.core.coap.MediaTypeRegistry;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a wireless lock (or anything holding its key) sends to the gateway's CoAP paths, the
 * payload reader answers a message or a 4.xx with a reason, never an exception, and a message it
 * accepts holds only values the rules can act on.
 */
class LockPayloadsFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyPayloadIsReadOrRefusedWithAReason(FuzzedDataProvider data) {
        int which = data.consumeInt(0, 2);
        int format = data.consumeBoolean() ? MediaTypeRegistry.APPLICATION_JSON : data.consumeInt(-1, 70);
        byte[] payload = data.consumeRemainingAsBytes();

        LockPayloads.Read<?> read = switch (which) {
            case 0 -> LockPayloads.registration(format, payload);
            case 1 -> LockPayloads.state(format, payload);
            default -> LockPayloads.battery(format, payload);
        };

        if (read instanceof LockPayloads.Read.Refused<?> refused) {
            assertThat(refused.code().isClientError()).as(refused.code().toString()).isTrue();
            assertThat(refused.reason()).isNotBlank().hasSizeLessThan(300);
        } else {
            Object message = ((LockPayloads.Read.Ok<?>) read).message();
            if (message instanceof LockMessage.BatteryReport b) {
                assertThat(b.batteryPercent()).isBetween(0, 100);
            } else if (message instanceof LockMessage.StateReport s) {
                assertThat(s.door()).isNotNull();
                assertThat(s.bolt()).isNotNull();
                s.batteryPercent().ifPresent(p -> assertThat(p).isBetween(0, 100));
            } else if (message instanceof LockMessage.Registration r) {
                assertThat(r.endpoint()).matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
            }
            assertThat(payload.length).isLessThanOrEqualTo(LockPayloads.MAX_PAYLOAD);
        }
    }
}
