package org.anju.agent.gpio;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The GPIO header as the rest of the agent sees it: claim an output or a debounced input by pin
 * number, and release everything on close. Which driver sits underneath (Pi4J's mock, gpiod or
 * linuxfs provider) is a configuration string given to {@link Pi4jGpioBoard#open(String)}, never
 * a code change.
 *
 * <p>A pin that cannot be claimed (wrong number, already taken, no GPIO chip) is a value, not an
 * exception: the wiring reports it as a site-file or hardware problem a person can act on.
 */
public interface GpioBoard extends AutoCloseable {

    /** Claims an output; it is driven to {@code spec.initialOn()} before this returns. */
    PinClaim<DigitalOut> output(OutputPin spec);

    /**
     * Claims an input. {@code onChange} receives the debounced logical level (true = active) on
     * a GPIO thread, never on the caller's thread: a Vert.x user must hop onto its own context.
     */
    PinClaim<DigitalIn> input(InputPin spec, Consumer<Boolean> onChange);

    /** The provider this board was opened with: "mock", "gpiod" or "linuxfs". */
    String provider();

    /** Pin-level access for simulations and tests; present only on the mock provider. */
    Optional<GpioSimulator> simulator();

    /** Drives every output to its shutdown level, then releases all pins. Idempotent. */
    @Override
    void close();
}
