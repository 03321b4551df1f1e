package org.anju.firmware.line;

import java.util.Set;

/**
 * The command-line grammar of a fault or event to inject into a simulator:
 * {@code KIND[:TARGET[:VALUE]][@SECONDS]}, where TARGET is a port or channel number, VALUE a
 * positive number and SECONDS simulated time after start. Each simulator says which kinds it
 * knows, which take a target and which a value; parsing never throws.
 */
public record InjectionSpec(String text, String kind, int target, Double value, double atSeconds) {

    /** What one simulator accepts. */
    public record Grammar(String targetName, int maxTarget, Set<String> withTarget, Set<String> withValue,
                          Set<String> plain) {
    }

    public sealed interface Parsed {
    }

    public record Ok(InjectionSpec spec) implements Parsed {
    }

    public record Invalid(String reason) implements Parsed {
    }

    public static Parsed parse(String text, Grammar grammar) {
        String body = text.trim();
        double at = 0;
        int atSign = body.indexOf('@');
        if (atSign >= 0) {
            try {
                at = Double.parseDouble(body.substring(atSign + 1));
            } catch (NumberFormatException e) {
                return new Invalid("'" + text + "': time after @ must be seconds, like smoke@600");
            }
            if (at < 0) {
                return new Invalid("'" + text + "': time after @ must not be negative");
            }
            if (!Double.isFinite(at)) {
                return new Invalid("'" + text + "': time after @ must be seconds, like smoke@600");
            }
            body = body.substring(0, atSign);
        }
        String[] parts = body.split(":", -1);
        String kind = parts[0];
        if (grammar.plain().contains(kind)) {
            return parts.length > 1 ? new Invalid("'" + text + "': " + kind + " takes no " + grammar.targetName())
                    : new Ok(new InjectionSpec(text, kind, 0, null, at));
        }
        if (!grammar.withTarget().contains(kind)) {
            var known = new java.util.TreeSet<>(grammar.withTarget());
            known.addAll(grammar.plain());
            return new Invalid("'" + text + "': unknown injection '" + kind + "'; known: " + String.join(", ", known));
        }
        boolean takesValue = grammar.withValue().contains(kind);
        if (parts.length < 2 || parts.length > 3) {
            return new Invalid("'" + text + "': expected " + kind + ":" + grammar.targetName().toUpperCase()
                    + (takesValue ? "[:VALUE]" : ""));
        }
        int target;
        Double value;
        try {
            target = Integer.parseInt(parts[1]);
            value = parts.length == 3 ? Double.valueOf(parts[2]) : null;
        } catch (NumberFormatException e) {
            return new Invalid("'" + text + "': " + grammar.targetName() + " and value must be numbers");
        }
        if (target < 1 || target > grammar.maxTarget()) {
            return new Invalid("'" + text + "': " + grammar.targetName() + " must be 1-" + grammar.maxTarget());
        }
        if (value != null && !takesValue) {
            return new Invalid("'" + text + "': " + kind + " takes no value");
        }
        if (value != null && (!(value > 0) || value.isInfinite())) {
            return new Invalid("'" + text + "': value must be a finite number above 0");
        }
        return new Ok(new InjectionSpec(text, kind, target, value, at));
    }
}
