package org.anju.agent.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.anju.firmware.line.LineDevice;

/**
 * A line whose frames a benchmark watches as they pass: each request as it reaches the devices
 * (the line has held it for its wire time) and each reply as a device hands it to the line.
 * Silence and time reach the devices as on the line itself.
 */
final class WatchedLine implements LineDevice {
    /** Sees a request's bytes. */
    interface Requests {
        void request(byte[] data, int offset, int length);
    }

    private final LineDevice line;
    private final Requests requests;
    private final Consumer<byte[]> replies;

    WatchedLine(LineDevice line, Requests requests, Consumer<byte[]> replies) {
        this.line = line;
        this.requests = requests;
        this.replies = replies;
    }

    @Override
    public List<byte[]> receive(byte[] data, int offset, int length) {
        requests.request(data, offset, length);
        List<byte[]> out = line.receive(data, offset, length);
        out.forEach(replies);
        return out;
    }

    @Override
    public List<byte[]> lineIdle() {
        List<byte[]> out = line.lineIdle();
        out.forEach(replies);
        return out;
    }

    @Override
    public void advance(Duration simulated) {
        line.advance(simulated);
    }
}
