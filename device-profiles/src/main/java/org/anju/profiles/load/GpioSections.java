package org.anju.profiles.load;

import static org.anju.profiles.load.Types.GPIO;
import static org.anju.profiles.load.Types.choice;
import static org.anju.profiles.load.Types.duration;

import java.util.Optional;

import org.anju.profiles.model.GpioInput;
import org.anju.profiles.model.GpioOutput;
import org.anju.profiles.model.Level;
import org.anju.profiles.schema.Section;
import org.anju.profiles.schema.SectionReader;

/** GPIO outputs and inputs, as door-lock profiles and alarm inputs describe them. */
final class GpioSections {

    static final Section OUTPUT = Section.named("GPIO output", "An output of the gateway's GPIO header, e.g. a door-lock relay.")
            .required("pin", GPIO, "", "BCM number of the GPIO that drives the relay")
            .optional("activeLevel", choice(Level.class), "", "high", "the output level that releases the lock")
            .build();

    /** Keys of every input; alarm inputs add theirs in front. */
    static final Section INPUT_KEYS = Section.named("GPIO input", "An input of the gateway's GPIO header: a door sensor, an exit button or an alarm contact.")
            .required("pin", GPIO, "", "BCM number of the GPIO the contact is wired to")
            .optional("activeLevel", choice(Level.class), "", "low",
                    "the level the input reads while active (door open, button pressed, alarm on)")
            .optional("pull", choice(GpioInput.Pull.class), "", "up",
                    "internal pull resistor; a dry contact to ground wants up with activeLevel low")
            .optional("debounce", duration("0ms", "1s"), "", "50ms", "a change shorter than this is ignored")
            .build();

    private GpioSections() {
    }

    static Optional<GpioOutput> output(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new GpioOutput(r.integer("pin"), r.choice("activeLevel", Level.class))));
    }

    static Optional<GpioInput> input(SectionReader r) {
        if (r.failed()) {
            return Optional.empty();
        }
        return Optional.of(r.remember(new GpioInput(r.integer("pin"), r.choice("activeLevel", Level.class),
                r.choice("pull", GpioInput.Pull.class), r.duration("debounce"))));
    }
}
