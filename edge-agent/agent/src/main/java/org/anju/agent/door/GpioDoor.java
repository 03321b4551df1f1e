package org.anju.agent.door;

import java.time.Duration;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import org.anju.agent.gpio.DigitalIn;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.InputPin;
import org.anju.agent.gpio.PinClaim;

/** Puts a door wired to GPIO to work: claims its pins and connects them to a {@link DoorRuntime}. */
public final class GpioDoor {

    /** Starting a GPIO door either gives its runtime or says which pin could not be claimed. */
    public sealed interface Start {
        record Started(DoorRuntime runtime, GpioStrike lock) implements Start {
        }

        record Failed(String reason) implements Start {
        }
    }

    private GpioDoor() {
    }

    /**
     * Claims the relay (driven locked at once), starts the runtime, then claims the sensor and the
     * button with callbacks into it, and reports the sensor's level once as the baseline.
     * Pins claimed before a failure stay with the board and are released when it closes.
     */
    public static Start start(Vertx vertx, GpioBoard board, DoorConfig config, GpioDoorPins pins,
                              Consumer<DoorEvent> events, Duration lockTimeout) {
        PinClaim<GpioStrike> relay = GpioStrike.claim(board, config.doorId(), pins.relayPin(), pins.relayOnHigh(),
                config.lockType());
        if (relay instanceof PinClaim.Refused<GpioStrike> r) {
            return new Start.Failed(r.reason());
        }
        GpioStrike lock = relay.orElseThrow();
        DoorRuntime runtime = DoorRuntime.start(vertx, config, lock, events, lockTimeout);
        if (pins.doorSensorPin().isPresent()) {
            PinClaim<DigitalIn> sensor = board.input(new InputPin(config.doorId() + " door sensor",
                    pins.doorSensorPin().getAsInt(), pins.doorOpenHigh(), pins.debounce()), runtime::doorSensor);
            if (sensor instanceof PinClaim.Refused<DigitalIn> r) {
                runtime.close();
                return new Start.Failed(r.reason());
            }
            runtime.doorSensor(sensor.orElseThrow().isActive());
        }
        if (pins.exitButtonPin().isPresent()) {
            PinClaim<DigitalIn> button = board.input(new InputPin(config.doorId() + " exit button",
                    pins.exitButtonPin().getAsInt(), pins.exitPressedHigh(), pins.debounce()), pressed -> {
                        if (pressed) {
                            runtime.exitButton();
                        }
                    });
            if (button instanceof PinClaim.Refused<DigitalIn> r) {
                runtime.close();
                return new Start.Failed(r.reason());
            }
        }
        return new Start.Started(runtime, lock);
    }
}
