package org.anju.profiles.model;

import java.time.Duration;
import java.util.List;

/**
 * One RS-485 line, reached through a local serial device or a TCP serial server, and the devices
 * on it. One bus speaks one protocol.
 */
public record Bus(String id, BusPort port, int baud, Parity parity, int stopBits, Duration responseTimeout,
                  Duration pollInterval, int retries, List<Device> devices) {

    public enum Parity {
        NONE, EVEN, ODD
    }

    public Bus {
        devices = List.copyOf(devices);
    }
}
