package org.anju.firmware.line;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Several devices on one RS-485 line, as a bus is wired: every device hears every frame and line
 * silence, and only the one addressed answers, so the replies are simply gathered in order.
 * Simulated time reaches every device. One transport (a TCP serial server, a pty) then serves
 * the whole line.
 */
public final class SharedLine implements LineDevice {
    private final List<LineDevice> devices;

    private SharedLine(List<LineDevice> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a line needs at least one device");
        }
        this.devices = List.copyOf(devices);
    }

    public static SharedLine of(List<? extends LineDevice> devices) {
        return new SharedLine(new ArrayList<>(devices));
    }

    public static SharedLine of(LineDevice... devices) {
        return new SharedLine(List.of(devices));
    }

    @Override
    public List<byte[]> receive(byte[] data, int offset, int length) {
        List<byte[]> replies = new ArrayList<>(1);
        for (LineDevice device : devices) {
            replies.addAll(device.receive(data, offset, length));
        }
        return replies;
    }

    @Override
    public List<byte[]> lineIdle() {
        List<byte[]> replies = new ArrayList<>(0);
        for (LineDevice device : devices) {
            replies.addAll(device.lineIdle());
        }
        return replies;
    }

    @Override
    public void advance(Duration simulated) {
        for (LineDevice device : devices) {
            device.advance(simulated);
        }
    }
}
