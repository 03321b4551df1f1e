package org.anju.firmware.pile;

import java.util.List;
import java.util.function.Consumer;

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
    private static final List<String> KINDS = List.of("charge", "plug", "unplug", "overload", "runaway", "smoke",
            "stuck", "silent-port", "silent-unit", "reboot");

    /** The parse result: an injection, or the reason the text is not one. */
    public sealed interface Parsed {
    }

    public record Ok(PileInjection injection) implements Parsed {
    }

    public record Invalid(String reason) implements Parsed {
    }

    public static Parsed parse(String spec, int portCount) {
        String text = spec.trim();
        double at = 0;
        int atSign = text.indexOf('@');
        if (atSign >= 0) {
            try {
                at = Double.parseDouble(text.substring(atSign + 1));
            } catch (NumberFormatException e) {
                return new Invalid("'" + spec + "': time after @ must be seconds, like smoke@600");
            }
            if (at < 0) {
                return new Invalid("'" + spec + "': time after @ must not be negative");
            }
            if (!Double.isFinite(at)) {
                return new Invalid("'" + spec + "': time after @ must be seconds, like smoke@600");
            }
            text = text.substring(0, atSign);
        }
        String[] parts = text.split(":", -1);
        String kind = parts[0];
        if (!KINDS.contains(kind)) {
            return new Invalid("'" + spec + "': unknown injection '" + kind + "'; known: " + String.join(", ", KINDS));
        }
        boolean needsPort = !kind.equals("smoke") && !kind.equals("silent-unit") && !kind.equals("reboot");
        if (!needsPort && parts.length > 1) {
            return new Invalid("'" + spec + "': " + kind + " takes no port");
        }
        int port = 0;
        Double value = null;
        if (needsPort) {
            if (parts.length < 2 || parts.length > 3) {
                return new Invalid("'" + spec + "': expected " + kind + ":PORT" + (takesValue(kind) ? "[:VALUE]" : ""));
            }
            try {
                port = Integer.parseInt(parts[1]);
                value = parts.length == 3 ? Double.valueOf(parts[2]) : null;
            } catch (NumberFormatException e) {
                return new Invalid("'" + spec + "': port and value must be numbers");
            }
            if (port < 1 || port > portCount) {
                return new Invalid("'" + spec + "': port must be 1-" + portCount);
            }
            if (value != null && (!takesValue(kind) || !(value > 0) || value.isInfinite())) {
                return new Invalid("'" + spec + "': "
                        + (takesValue(kind) ? "value must be a finite number above 0" : kind + " takes no value"));
            }
        }
        Consumer<PileSimulator> action = action(kind, port, value);
        return action == null
                ? new Invalid("'" + spec + "': unknown injection '" + kind + "'; known: charge, plug, unplug, overload, "
                        + "runaway, smoke, stuck, silent-port, silent-unit, reboot")
                : new Ok(new PileInjection(spec, at, action));
    }

    private static boolean takesValue(String kind) {
        return kind.equals("charge") || kind.equals("plug") || kind.equals("overload") || kind.equals("runaway");
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
