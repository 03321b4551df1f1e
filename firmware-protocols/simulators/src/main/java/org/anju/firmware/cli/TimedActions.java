package org.anju.firmware.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.anju.firmware.line.LineDevice;

/** Wraps a device so that actions run once simulated time reaches their moment. */
final class TimedActions implements LineDevice {
    record Action(double atSeconds, String label, Runnable run) {
    }

    private final LineDevice device;
    private final List<Action> pending;
    private double elapsedSeconds;

    TimedActions(LineDevice device, List<Action> actions) {
        this.device = device;
        this.pending = new ArrayList<>(actions);
        this.pending.sort(Comparator.comparingDouble(Action::atSeconds));
        fireDue();
    }

    @Override
    public List<byte[]> receive(byte[] data, int offset, int length) {
        return device.receive(data, offset, length);
    }

    @Override
    public List<byte[]> lineIdle() {
        return device.lineIdle();
    }

    @Override
    public synchronized void advance(Duration simulated) {
        device.advance(simulated);
        elapsedSeconds += simulated.toNanos() / 1e9;
        fireDue();
    }

    private synchronized void fireDue() {
        while (!pending.isEmpty() && pending.get(0).atSeconds() <= elapsedSeconds) {
            Action action = pending.remove(0);
            action.run().run();
            if (action.atSeconds() > 0) {
                System.out.printf("t=%.0fs injected %s%n", elapsedSeconds, action.label());
            }
        }
    }
}
