package org.anju.bridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a gateway's key signs as an event batch, mutated from a batch of a reading and a door
 * event (the seed in this test's inputs), the park's one-pass reader answers with a batch or a
 * reason, never an exception; a batch it reads, the contract's tree reading reads the same; each
 * payload it takes passes the gateway's own check ({@link JsonText#isObject}), which the reader
 * stands in for, and its fields are those read from its text alone.
 */
class EventBatchReaderFuzzTest {
    @FuzzTest(maxDuration = "5s")
    void whatIsReadIsWhatTheTreeReadsAndEveryPayloadPassesTheGatewaysCheck(byte[] json) throws IOException {
        Decoded<EventBatch.Read> read = EventBatch.read(json);
        if (!(read instanceof Decoded.Ok<EventBatch.Read> ok)) {
            assertThat(((Decoded.Invalid<EventBatch.Read>) read).reason()).isNotBlank();
            return;
        }
        EventBatch batch = ok.value().batch();
        Decoded<EventBatch> tree = TreeReading.tree(json);
        assertThat(tree).isInstanceOf(Decoded.Ok.class);
        EventBatch slow = ((Decoded.Ok<EventBatch>) tree).value();
        assertThat(slow.events()).hasSameSizeAs(batch.events());
        for (int i = 0; i < batch.events().size(); i++) {
            EventBatch.Event e = batch.events().get(i);
            assertThat(JsonText.isObject(e.payload())).as("payload of seq %d: %s", e.seq(), e.payload()).isTrue();
            assertThat(ok.value().fields().get(i)).isEqualTo(PayloadFields.read(e.payload()));
            assertThat(TreeReading.sameJson(e.payload(), slow.events().get(i).payload()))
                    .as("%s / %s", e.payload(), slow.events().get(i).payload()).isTrue();
            assertThat(e.seq()).isEqualTo(slow.events().get(i).seq());
            assertThat(e.type()).isEqualTo(slow.events().get(i).type());
        }
    }
}
