package org.anju.bridge.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Paho's MQTT 5 decoding runs through park-link's {@link CountingInputStream}, which reads in bulk
 * (Paho's own copies a packet one byte at a time), and decodes exactly as Paho's did.
 */
class PahoBulkDecodeTest {

    @Test
    void theCountingStreamLoadedIsParkLinksNotPahos() throws Exception {
        assertThat(CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation())
                .as("park-link must come before Paho on the class path, or every batch is copied a byte at a time")
                .isEqualTo(Paho5.class.getProtectionDomain().getCodeSource().getLocation());
        assertThat(Paho5.decodesInBulk()).isTrue();
    }

    @Test
    void aBatchSizedPublishDecodesToTheSameTopicPropertiesAndPayload() throws Exception {
        byte[] payload = new byte[15_000];
        new Random(7).nextBytes(payload); // every byte value, 0xFF among them (read() returns it as 255, never -1)
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/json");
        properties.setUserProperties(List.of(new UserProperty("batch", "b-17")));
        MqttPublish sent = new MqttPublish("anju/v1/park-7/gw-3/events", message, properties);
        sent.setMessageId(4242);

        MqttPublish received = (MqttPublish) MqttWireMessage.createWireMessage(sent.serialize());

        assertThat(received.getTopicName()).isEqualTo("anju/v1/park-7/gw-3/events");
        assertThat(received.getMessageId()).isEqualTo(4242);
        assertThat(received.getMessage().getQos()).isEqualTo(1);
        assertThat(received.getProperties().getContentType()).isEqualTo("application/json");
        assertThat(received.getProperties().getUserProperties()).extracting(UserProperty::getKey, UserProperty::getValue)
                .containsExactly(Tuple.tuple("batch", "b-17"));
        assertThat(received.getMessage().getPayload()).isEqualTo(payload);
    }

    @Test
    void itCountsWhatWasReadOneByOneAndInBulkAndNothingAtTheEnd() throws Exception {
        CountingInputStream in = new CountingInputStream(new ByteArrayInputStream(new byte[] {1, -1, 3, 4, 5, 6, 7, 8, 9, 10}));
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read()).isEqualTo(255);
        byte[] into = new byte[20];
        assertThat(in.read(into, 2, 5)).isEqualTo(5);
        assertThat(in.getCounter()).isEqualTo(7);
        assertThat(in.read(into, 0, 20)).isEqualTo(3);
        assertThat(in.read(into, 0, 20)).isEqualTo(-1);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.getCounter()).isEqualTo(10);
        in.resetCounter();
        assertThat(in.getCounter()).isZero();
    }
}
