package org.anju.profiles.model;

import java.nio.file.Path;

/** Where a bus is plugged in: a serial device of the gateway, or a serial server on the network. */
public sealed interface BusPort {

    record SerialDevice(Path device) implements BusPort {
        @Override
        public String toString() {
            return device.toString();
        }
    }

    record SerialServer(String host, int port) implements BusPort {
        @Override
        public String toString() {
            return "tcp://" + host + ":" + port;
        }
    }
}
