package org.anju.bridge.telemetry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Telemetry thinning at the edge, as the contract states it: a port's reading goes into the outbox
 * when its state changed or it was held off or released, when its power moved by at least the power deadband, its voltage by at
 * least the voltage deadband or its pile's temperature by at least the temperature deadband since
 * the last reading sent, and in any case at least every
 * {@code heartbeat}, so the park can tell a quiet port from a silent gateway. A pile polled every
 * second then sends a handful of readings a minute per port instead of sixty.
 *
 * <p>Pure: the caller passes the time, best a monotonic one ({@code System.nanoTime() / 1_000_000}),
 * so a wall clock set back does not silence a port. Not thread-safe: one per polling loop.
 */
public final class ReadingThinner {
    private record Key(String pile, int port) {
    }

    private record Sent(PortReading reading, long atMillis) {
    }

    private final Duration heartbeat;
    private final int powerDeadbandW;
    private final double voltageDeadbandV;
    private final double temperatureDeadbandC;
    private final Map<Key, Sent> last = new HashMap<>();

    public ReadingThinner(Duration heartbeat, int powerDeadbandW, double voltageDeadbandV, double temperatureDeadbandC) {
        if (heartbeat.isNegative() || heartbeat.isZero() || powerDeadbandW < 0 || voltageDeadbandV < 0 || temperatureDeadbandC < 0) {
            throw new IllegalArgumentException("heartbeat must be positive, deadbands not negative");
        }
        this.heartbeat = heartbeat;
        this.powerDeadbandW = powerDeadbandW;
        this.voltageDeadbandV = voltageDeadbandV;
        this.temperatureDeadbandC = temperatureDeadbandC;
    }

    /** Five minutes, 20 W, 5 V, 1 °C (a battery heating up is what the officer watches for). */
    public static ReadingThinner standard() {
        return new ReadingThinner(Duration.ofMinutes(5), 20, 5.0, 1.0);
    }

    /** True if {@code reading}, taken at {@code nowMillis}, should be sent; if so it becomes the reference. */
    public boolean offer(PortReading reading, long nowMillis) {
        Key key = new Key(reading.pile(), reading.port());
        Sent previous = last.get(key);
        boolean send = previous == null
                || !previous.reading().state().equals(reading.state())
                || !java.util.Objects.equals(previous.reading().heldFor(), reading.heldFor())
                || Math.abs(previous.reading().powerW() - reading.powerW()) >= powerDeadbandW
                || Math.abs(previous.reading().voltageV() - reading.voltageV()) >= voltageDeadbandV
                || temperatureMoved(previous.reading().temperatureC(), reading.temperatureC())
                || nowMillis - previous.atMillis() >= heartbeat.toMillis()
                || nowMillis < previous.atMillis(); // the clock went back: do not go silent until it catches up
        if (send) {
            last.put(key, new Sent(reading, nowMillis));
        }
        return send;
    }

    private boolean temperatureMoved(Double before, Double now) {
        if (before == null || now == null) {
            return before != now;
        }
        return Math.abs(before - now) >= temperatureDeadbandC;
    }
}
