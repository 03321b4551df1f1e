package org.anju.agent.gpio;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.provider.Provider;

/**
 * {@link GpioBoard} on Pi4J 2. The provider is named by configuration ("mock", "gpiod",
 * "linuxfs") and only that provider is loaded: Pi4J's auto-detection prefers the mock plugin
 * whenever it is on the class path, which would silently turn a real gateway into a simulation.
 *
 * <p>Debouncing is done here with {@link Debouncer} on one timer thread, not by Pi4J, so it behaves
 * the same on every provider including the mock one used by tests and the demo.
 */
public final class Pi4jGpioBoard implements GpioBoard {
    private static final Map<String, Supplier<List<Provider<?, ?, ?>>>> PROVIDERS = Map.of(
            "mock", () -> List.of(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()),
            "gpiod", () -> List.of(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance()),
            "linuxfs", () -> List.of(LinuxFsDigitalInputProvider.newInstance(),
                    LinuxFsDigitalOutputProvider.newInstance()));

    private final String provider;
    private final Context pi4j;
    private final Map<Integer, Pi4jOut> outputs = new ConcurrentHashMap<>();
    private final Map<Integer, Pi4jIn> inputs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    private Pi4jGpioBoard(String provider, Context pi4j) {
        this.provider = provider;
        this.pi4j = pi4j;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gpio-debounce");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the board with the named provider: "mock", "gpiod" or "linuxfs". */
    public static GpioOpenResult open(String provider) {
        Supplier<List<Provider<?, ?, ?>>> providers = PROVIDERS.get(provider);
        if (providers == null) {
            return new GpioOpenResult.Failed("unknown GPIO provider '" + provider + "'; use one of "
                    + PROVIDERS.keySet().stream().sorted().toList());
        }
        try {
            Context context = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(providers.get().toArray(Provider<?, ?, ?>[]::new))
                    // on SIGTERM Pi4J drives every output to its shutdown level before the JVM exits
                    .enableShutdownHook()
                    .build();
            return new GpioOpenResult.Opened(new Pi4jGpioBoard(provider, context));
        } catch (RuntimeException e) {
            return new GpioOpenResult.Failed("cannot open GPIO with provider '" + provider + "': " + e.getMessage());
        }
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public PinClaim<DigitalOut> output(OutputPin spec) {
        if (closed) {
            return new PinClaim.Refused<>(spec.name() + ": the GPIO board is closed");
        }
        try {
            DigitalOutput out = pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                    .id("anju-out-" + spec.pin())
                    .name(spec.name())
                    .address(spec.pin())
                    .provider(provider + "-digital-output")
                    .initial(level(spec.activeHigh(), spec.initialOn()))
                    .shutdown(level(spec.activeHigh(), spec.shutdownOn())));
            Pi4jOut claimed = new Pi4jOut(spec, out);
            outputs.put(spec.pin(), claimed);
            return new PinClaim.Claimed<>(claimed);
        } catch (RuntimeException e) {
            return new PinClaim.Refused<>(spec.name() + ": cannot claim GPIO " + spec.pin() + " as an output with "
                    + provider + ": " + e.getMessage());
        }
    }

    @Override
    public PinClaim<DigitalIn> input(InputPin spec, Consumer<Boolean> onChange) {
        if (closed) {
            return new PinClaim.Refused<>(spec.name() + ": the GPIO board is closed");
        }
        DigitalInput in;
        try {
            in = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("anju-in-" + spec.pin())
                    .name(spec.name())
                    .address(spec.pin())
                    .provider(provider + "-digital-input")
                    .pull(pull(spec.pull()))
                    .debounce(0L));
        } catch (RuntimeException e) {
            return new PinClaim.Refused<>(spec.name() + ": cannot claim GPIO " + spec.pin() + " as an input with "
                    + provider + ": " + e.getMessage());
        }
        if (in instanceof MockDigitalInput mock) {
            // a real input rests at its inactive level (pulled up or down, contact open); the mock starts LOW
            mock.mockState(spec.activeHigh() ? DigitalState.LOW : DigitalState.HIGH);
        }
        Pi4jIn claimed = new Pi4jIn(spec, in, onChange);
        in.addListener(claimed.listener);
        inputs.put(spec.pin(), claimed);
        return new PinClaim.Claimed<>(claimed);
    }

    @Override
    public Optional<GpioSimulator> simulator() {
        if (!"mock".equals(provider)) {
            return Optional.empty();
        }
        return Optional.of(new GpioSimulator() {
            @Override
            public void driveInput(int pin, boolean high) {
                Pi4jIn in = inputs.get(pin);
                if (in == null || !(in.pin instanceof MockDigitalInput mock)) {
                    throw new IllegalArgumentException("GPIO " + pin + " is not a claimed input");
                }
                mock.mockState(high ? DigitalState.HIGH : DigitalState.LOW);
            }

            @Override
            public boolean outputLevel(int pin) {
                Pi4jOut out = outputs.get(pin);
                if (out == null) {
                    throw new IllegalArgumentException("GPIO " + pin + " is not a claimed output");
                }
                return out.pin.state() == DigitalState.HIGH;
            }
        });
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        inputs.values().forEach(in -> in.pin.removeListener(in.listener));
        // drive the shutdown levels ourselves too: not every provider applies them on shutdown
        outputs.values().forEach(o -> o.set(o.spec().shutdownOn()));
        try {
            pi4j.shutdown();
        } catch (RuntimeException e) {
            // outputs already hold their shutdown levels; nothing else can be done at this point
        }
    }

    private static DigitalState level(boolean activeHigh, boolean on) {
        return on == activeHigh ? DigitalState.HIGH : DigitalState.LOW;
    }

    private static PullResistance pull(InputPin.Pull pull) {
        return switch (pull) {
            case OFF -> PullResistance.OFF;
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
        };
    }

    private static final class Pi4jOut implements DigitalOut {
        private final OutputPin spec;
        private final DigitalOutput pin;

        Pi4jOut(OutputPin spec, DigitalOutput pin) {
            this.spec = spec;
            this.pin = pin;
        }

        @Override
        public OutputPin spec() {
            return spec;
        }

        @Override
        public boolean set(boolean on) {
            try {
                pin.state(level(spec.activeHigh(), on));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        public boolean isOn() {
            return pin.state() == level(spec.activeHigh(), true);
        }
    }

    private final class Pi4jIn implements DigitalIn {
        private final InputPin spec;
        private final DigitalInput pin;
        private final Consumer<Boolean> onChange;
        private final Debouncer debouncer;
        private final DigitalStateChangeListener listener = event -> raw(event.state());

        Pi4jIn(InputPin spec, DigitalInput pin, Consumer<Boolean> onChange) {
            this.spec = spec;
            this.pin = pin;
            this.onChange = onChange;
            this.debouncer = new Debouncer(active(pin.state()), spec.debounce().toNanos());
        }

        @Override
        public InputPin spec() {
            return spec;
        }

        @Override
        public boolean isActive() {
            synchronized (debouncer) {
                return debouncer.stable();
            }
        }

        private boolean active(DigitalState state) {
            return (state == DigitalState.HIGH) == spec.activeHigh();
        }

        /** Called by Pi4J on its own thread for every edge. */
        void raw(DigitalState state) {
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            Optional<Boolean> settled;
            synchronized (debouncer) {
                var deadline = debouncer.raw(active(state), now);
                if (deadline.isEmpty()) {
                    return;
                }
                settled = debouncer.settle(now);
                if (settled.isEmpty() && !closed) {
                    timer.schedule(this::settle, Math.max(0, deadline.getAsLong() - now), TimeUnit.NANOSECONDS);
                }
            }
            settled.ifPresent(onChange);
        }

        private void settle() {
            Optional<Boolean> settled;
            synchronized (debouncer) {
                settled = debouncer.settle(System.nanoTime());
            }
            if (!closed) {
                settled.ifPresent(onChange);
            }
        }
    }
}
