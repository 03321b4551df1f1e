package org.anju.agent.door;

import java.time.Duration;
import java.util.function.Consumer;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.anju.agent.gpio.DigitalIn;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.InputPin;
import org.anju.agent.gpio.PinClaim;
import org.anju.agent.gpio.WiegandBits;
import org.anju.agent.gpio.WiegandFrame;

/**
 * A Wiegand card reader on two GPIO inputs (D0, D1; idle high, a bit is a short low pulse). Bits
 * are timestamped on the GPIO thread, assembled on a Vert.x context, and each finished frame is
 * handed to {@code frames} on that context. Decoding (26/34-bit layouts, parity) is left to the
 * Wiegand codec: the wiring decodes the frame and presents the card to a {@link DoorAccessPoint}.
 *
 * <p>Limitation: bits are ordered by when their callbacks run. Pi4J delivers the two lines'
 * edges in the order the kernel reports them on gpiod; a provider that polls the two lines on
 * separate threads could reorder bits, and the codec's parity check would then reject the frame.
 */
public final class WiegandReader {
    private final Vertx vertx;
    private final Context context;
    private final WiegandBits bits;
    private final Consumer<WiegandFrame> frames;
    private long timer = -1;

    private WiegandReader(Vertx vertx, WiegandBits bits, Consumer<WiegandFrame> frames) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.bits = bits;
        this.frames = frames;
    }

    /** Claims D0 and D1 with the default 25 ms end-of-frame gap; see the other overload. */
    public static PinClaim<WiegandReader> attach(Vertx vertx, GpioBoard board, String name, int d0Pin, int d1Pin,
                                                 Consumer<WiegandFrame> frames) {
        return attach(vertx, board, name, d0Pin, d1Pin, Duration.ofNanos(WiegandBits.DEFAULT_GAP_NANOS), frames);
    }

    /**
     * Claims D0 and D1 (no debounce: a Wiegand pulse lasts 50-100 µs) and starts assembling frames.
     * Bits are timestamped in user space, so a pause of the GPIO thread longer than {@code gap} in
     * mid-card splits the frame (the codec then rejects both halves and the tenant swipes again);
     * a longer gap tolerates slower readers and busier gateways at the cost of answer latency.
     */
    public static PinClaim<WiegandReader> attach(Vertx vertx, GpioBoard board, String name, int d0Pin, int d1Pin,
                                                 Duration gap, Consumer<WiegandFrame> frames) {
        WiegandReader reader = new WiegandReader(vertx, new WiegandBits(gap.toNanos()), frames);
        PinClaim<DigitalIn> d0 = board.input(new InputPin(name + " D0", d0Pin, false, Duration.ZERO),
                pulse -> reader.edge(pulse, 0));
        if (d0 instanceof PinClaim.Refused<DigitalIn> r) {
            return new PinClaim.Refused<>(r.reason());
        }
        PinClaim<DigitalIn> d1 = board.input(new InputPin(name + " D1", d1Pin, false, Duration.ZERO),
                pulse -> reader.edge(pulse, 1));
        if (d1 instanceof PinClaim.Refused<DigitalIn> r) {
            return new PinClaim.Refused<>(r.reason());
        }
        return new PinClaim.Claimed<>(reader);
    }

    /** On the GPIO thread: a pulse starting is a bit; its end is nothing. */
    private void edge(boolean pulse, int value) {
        if (!pulse) {
            return;
        }
        long at = System.nanoTime();
        context.runOnContext(v -> {
            bits.bit(value, at).ifPresent(frames);
            rearm();
        });
    }

    private void rearm() {
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        bits.deadline().ifPresent(deadline -> {
            long delayMs = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            timer = vertx.setTimer(delayMs, id -> {
                timer = -1;
                bits.poll(System.nanoTime()).ifPresent(frames);
                rearm();
            });
        });
    }
}
