package org.anju.firmware.pile;

import java.util.Set;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;

/**
 * One fault or event to inject into a pile, parsed from the command line:
 * {@code KIND[:PORT[:VALUE]][@SECONDS]}, where SECONDS is simulated time after start.
 *
 * <pre>
 * charge:PORT[:WATTS]       plug a bike in and close the relay (default 180 W charger)
 * plug:PORT[:WATTS]         plug a bike in; the port waits for a start
 * unplug:PORT
 * overload:PORT[:WATTS]     the charger draws WATTS more than it should (default 1200)
 * runaway:PORT[:DEG_MIN]    a battery heats the pile by DEG_MIN degC per minute (default 2)
 * smoke                     the pile's smoke detector trips
 * stuck:PORT                the port's relay welds in its present position
 * silent-port:PORT          requests touching the port go unanswered
 * silent-unit               the whole unit stops answering
 * reboot                    the pile restarts; relays open, meters restart at 0
 * </pre>
 */
public record PileInjection(String spec, double atSeconds, Consumer<PileSimulator> action) {

    /** The parse result: an injection, or the reason the text is not one. */
    public sealed interface Parsed {
    }

    public record Ok(PileInjection injection) implements Parsed {
    }

    public record Invalid(String reason) implements Parsed {
    }

    /** What the pile accepts on the command line. */
    public static InjectionSpec.Grammar grammar(int portCount) {
        return new InjectionSpec.Grammar("port", portCount,
                Set.of("charge", "plug", "unplug", "overload", "runaway", "stuck", "silent-port"),
                Set.of("charge", "plug", "overload", "runaway"), Set.of("smoke", "silent-unit", "reboot"));
    }

    public static Parsed parse(String spec, int portCount) {
        InjectionSpec.Parsed parsed = InjectionSpec.parse(spec, grammar(portCount));
        if (parsed instanceof InjectionSpec.Invalid invalid) {
            return new Invalid(invalid.reason());
        }
        InjectionSpec ok = ((InjectionSpec.Ok) parsed).spec();
        return new Ok(new PileInjection(spec, ok.atSeconds(), action(ok.kind(), ok.target(), ok.value())));
    }

    private static Consumer<PileSimulator> action(String kind, int port, Double value) {
        Bike bike = value == null ? Bike.TYPICAL : new Bike(Bike.TYPICAL.capacityWh(), Bike.TYPICAL.stateOfCharge(), value);
        return switch (kind) {
            case "charge" -> pile -> {
                pile.plugIn(port, bike);
                pile.switchRelay(port, true);
            };
            case "plug" -> pile -> pile.plugIn(port, bike);
            case "unplug" -> pile -> pile.unplug(port);
            case "overload" -> pile -> pile.overload(port, value == null ? 1200 : value);
            case "runaway" -> pile -> pile.thermalRunaway(port, value == null ? 2 : value);
            case "smoke" -> pile -> pile.smoke(true);
            case "stuck" -> pile -> pile.stickRelay(port);
            case "silent-port" -> pile -> pile.silencePort(port, true);
            case "silent-unit" -> pile -> pile.silenceUnit(true);
            case "reboot" -> PileSimulator::reboot;
            default -> null;
        };
    }
}
