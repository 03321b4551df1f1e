package org.anju.firmware.meter;

import java.util.Set;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;
import org.anju.firmware.pile.Bike;

/**
 * What a person or a fault does to a meter shed, from the command line, in the pile's grammar
 * {@code KIND[:SOCKET[:VALUE]][@SECONDS]} (SECONDS of simulated time after start):
 *
 * <pre>
 * charge:SOCKET[:WATTS]          plug a bike in and close its relay channel (default 180 W charger)
 * plug:SOCKET[:WATTS]            plug a bike in; with relay boards the socket waits for a start
 * unplug:SOCKET
 * overload:SOCKET[:WATTS]        the charger draws WATTS more than it should (default 1200)
 * runaway:SOCKET[:DEG_MIN]       a battery heats the cabinet by DEG_MIN degC per minute (default 2)
 * stuck:SOCKET                   the socket's relay welds in its present position
 * silent-meter:SOCKET            the socket's meter stops answering
 * reset:SOCKET                   the meter's energy counter is cleared to 0
 * energy:SOCKET:KWH              the meter's energy counter holds KWH, as one long in service does
 * silent-relays                  the relay boards stop answering
 * </pre>
 */
public final class ShedInjection {
    private ShedInjection() {
    }

    public static InjectionSpec.Grammar grammar(int sockets) {
        return new InjectionSpec.Grammar("socket", sockets,
                Set.of("charge", "plug", "unplug", "overload", "runaway", "stuck", "silent-meter", "reset", "energy"),
                Set.of("charge", "plug", "overload", "runaway", "energy"), Set.of("silent-relays"));
    }

    /** The parse result: a spec with its action on the shed, or the reason the text is not one. */
    public sealed interface Parsed {
    }

    public record Ok(InjectionSpec spec, Consumer<MeterShed> action) implements Parsed {
    }

    public record Invalid(String reason) implements Parsed {
    }

    public static Parsed parse(String text, MeterShed.Layout layout) {
        InjectionSpec.Parsed parsed = InjectionSpec.parse(text, grammar(layout.meters()));
        if (parsed instanceof InjectionSpec.Invalid invalid) {
            return new Invalid(invalid.reason());
        }
        InjectionSpec spec = ((InjectionSpec.Ok) parsed).spec();
        if ((spec.kind().equals("stuck") || spec.kind().equals("silent-relays")) && !layout.hasRelays()) {
            return new Invalid("'" + text + "': this shed has no relay boards; add --relays UNIT");
        }
        if (spec.kind().equals("energy") && spec.value() == null) {
            return new Invalid("'" + text + "': energy needs the counter's value in kWh, like energy:"
                    + spec.target() + ":12345.6");
        }
        return new Ok(spec, action(spec));
    }

    private static Consumer<MeterShed> action(InjectionSpec spec) {
        int socket = spec.target();
        Double value = spec.value();
        Bike bike = value == null ? Bike.TYPICAL : new Bike(Bike.TYPICAL.capacityWh(), Bike.TYPICAL.stateOfCharge(), value);
        return switch (spec.kind()) {
            case "charge" -> shed -> shed.startCharge(socket, bike);
            case "plug" -> shed -> shed.plugIn(socket, bike);
            case "unplug" -> shed -> shed.unplug(socket);
            case "overload" -> shed -> shed.overload(socket, value == null ? 1200 : value);
            case "runaway" -> shed -> shed.thermalRunaway(socket, value == null ? 2 : value);
            case "stuck" -> shed -> shed.stickRelay(socket);
            case "silent-meter" -> shed -> shed.silenceMeter(socket, true);
            case "reset" -> shed -> shed.resetMeter(socket);
            case "energy" -> shed -> shed.presetMeter(socket, value);
            case "silent-relays" -> shed -> shed.silenceRelays(true);
            default -> throw new IllegalArgumentException("not a shed injection: " + spec.kind());
        };
    }
}
