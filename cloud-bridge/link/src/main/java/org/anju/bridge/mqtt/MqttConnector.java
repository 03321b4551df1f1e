package org.anju.bridge.mqtt;

import java.util.concurrent.CompletableFuture;

/** Opens MQTT connections; {@link Paho5} is the one both ends use, tests may bring their own. */
@FunctionalInterface
public interface MqttConnector {
    /**
     * Opens a connection. Completes with the session once the broker accepted it (CONNACK below
     * {@code 0x80}), or exceptionally with a {@link Refused} naming why not; never blocks the caller.
     */
    CompletableFuture<MqttSession> connect(ConnectSpec spec, MqttSession.Listener listener);

    /** The connector for a protocol as configuration names it: {@code mqtt5} (the default) or {@code mqtt311} (Moquette only). */
    static MqttConnector forProtocol(String protocol) {
        return "mqtt311".equals(protocol) ? new Paho3() : new Paho5();
    }

    /** A connection the broker refused or that could not be made, for a person to act on. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;
        private final boolean notMqtt5;

        public Refused(int code, String message, Throwable cause) {
            this(code, message, cause, false);
        }

        public Refused(int code, String message, Throwable cause, boolean notMqtt5) {
            super(message, cause);
            this.code = code;
            this.notMqtt5 = notMqtt5;
        }

        /** The broker does not speak MQTT 5 (it refused the protocol level or closed the connection on CONNECT). */
        public boolean notMqtt5() {
            return notMqtt5;
        }

        /** The MQTT 5 CONNACK reason code, or -1 when the broker never answered. */
        public int code() {
            return code;
        }
    }
}
