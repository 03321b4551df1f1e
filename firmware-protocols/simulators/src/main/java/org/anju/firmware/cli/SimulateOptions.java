package org.anju.firmware.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anju.firmware.meter.ReadFunctions;

/**
 * The parsed command line of {@code anju simulate}. Parsing never throws: a wrong argument
 * becomes one message that says what was wrong and what would be right.
 *
 * @param size     ports of a pile, channels of a lock board or relay board, channels per relay board of a meter shed
 * @param meters   meters of a meter shed, one per socket, at units {@code unit} on
 * @param relays   the first relay board's unit of a meter shed, 0 for none
 */
record SimulateOptions(String kind, String listenHost, int listenPort, Path serial, int unit, int size, int baud,
                       double speed, List<String> injections, int meters, int relays, ReadFunctions functions) {

    static final String USAGE = "usage: anju simulate pile|lockboard|meter|relays|lift|turnstile (--listen tcp://HOST:PORT | --serial DEVICE) "
            + "[--unit N] [--ports N | --channels N] [--meters N] [--relays UNIT] [--function 3|4|both] "
            + "[--baud B] [--speed X] [--inject SPEC]...; anju simulate --help says more";

    static final String HELP = """
            usage: anju simulate KIND (--listen tcp://HOST:PORT | --serial DEVICE) [OPTIONS] [--inject SPEC]...

            The reference firmware on a TCP serial server (a raw byte stream per client, every client on the one
            bus; port 0 picks a free port and the line printed at start names it) or on a serial device such as
            one end of a socat pty pair.

            KIND
              pile        a charging pile (Modbus RTU): --unit N (1), --ports N (10)
              lockboard   a lock board (8A/80 protocol): --unit N (1), --channels N (16)
              meter       DDSU666-like energy meters (Modbus RTU, float32), one per socket, at units N, N+1, ...:
                          --unit N (1), --meters N (1), --function 3|4|both (both: the read functions the meters
                          answer). With --relays UNIT, Modbus relay boards at UNIT, UNIT+1, ... switch the sockets
                          (--channels N per board, 8; socket n is relay channel n): a whole meter shed on one line.
                          Without, the sockets are always live.
              relays      a Modbus relay board on its own (coils 0..N-1): --unit N (1), --channels N (8)
              lift        a lift car's floor buttons behind a lift relay board (a relay board whose relay b
                          enables floor button b; every button dead at power-up): --unit N (1), --channels N (16)
              turnstile   a turnstile lane behind a Modbus I/O module (open entry/exit and free coils, passage
                          counters): --unit N (1)

            OPTIONS
              --baud B    send at B baud and keep the 3.5-character silence between frames (default: unpaced)
              --speed X   simulated time runs X times faster than the wall (default 1): bikes charge and taper,
                          meters count and cabinets heat X times faster, and @SECONDS of an injection are
                          simulated seconds. Every firmware timer keeps wall time, because the gateway it answers
                          to does: the pile's heartbeat watchdog (60 s), full-charge time (10 min) and maximum
                          session (8 h), the lock board's unlock pulse (5 s) and door closer (3 s). So a gateway
                          heartbeating every 20 s keeps the ports on at any speed, and its own limits, shorter than
                          the firmware's, still act first (anju demo runs its devices the same way). Meters and
                          relay boards have no timers.

            --inject KIND[:TARGET[:VALUE]][@SECONDS], repeated or comma-separated; @SECONDS is simulated time
            after start (default 0)
              pile        charge:PORT[:W] plug:PORT[:W] unplug:PORT overload:PORT[:W] runaway:PORT[:DEGC_PER_MIN]
                          stuck:PORT silent-port:PORT silent-unit smoke reboot
              lockboard   walk:CH hold:CH force:CH close:CH jam:CH silent
              meter       charge:SOCKET[:W] plug:SOCKET[:W] unplug:SOCKET overload:SOCKET[:W]
                          runaway:SOCKET[:DEGC_PER_MIN] stuck:SOCKET silent-meter:SOCKET reset:SOCKET
                          energy:SOCKET:KWH silent-relays
              relays      on:CH off:CH stuck:CH silent
              lift        press:BUTTON stuck:BUTTON reboot silent
              turnstile   enter leave tailgate-in tailgate-out force-in force-out auto-walk reboot silent

            Example, the meter-shed example site's line (12 meters, relay boards at 20 and 21):
              anju simulate meter --listen tcp://127.0.0.1:5030 --meters 12 --relays 20 --inject charge:3,runaway:3:2@600
            """;

    private static final Set<String> COMMON = Set.of("--listen", "--serial", "--unit", "--baud", "--speed", "--inject");
    private static final Map<String, Set<String>> OWN = Map.of(
            "pile", Set.of("--ports"),
            "lockboard", Set.of("--channels"),
            "meter", Set.of("--meters", "--relays", "--function", "--channels"),
            "relays", Set.of("--channels"),
            "lift", Set.of("--channels"),
            "turnstile", Set.of());
    private static final Map<String, Integer> MAX_UNIT = Map.of("pile", 247, "lockboard", 255, "meter", 247, "relays", 247,
            "lift", 247, "turnstile", 247);
    private static final Map<String, Integer> DEFAULT_SIZE = Map.of("pile", 10, "lockboard", 16, "meter", 8, "relays", 8,
            "lift", 16, "turnstile", 1);
    private static final Map<String, String> NOUN = Map.of("pile", "a pile", "lockboard", "a lock board", "meter",
            "a meter shed", "relays", "a relay board", "lift", "a lift board", "turnstile", "a turnstile");

    sealed interface Parsed {
    }

    record Ok(SimulateOptions options) implements Parsed {
    }

    record Invalid(String message) implements Parsed {
    }

    /** {@code --help} or {@code -h}: print {@link #HELP} and succeed. */
    record Help() implements Parsed {
    }

    static Parsed parse(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            return new Help();
        }
        if (args.length == 0 || !OWN.containsKey(args[0])) {
            return new Invalid("first argument must be pile, lockboard, meter, relays, lift or turnstile; " + USAGE);
        }
        String kind = args[0];
        String host = null;
        int port = -1;
        Path serial = null;
        int unit = 1;
        Integer size = null;
        int baud = 0;
        double speed = 1;
        int meters = 1;
        int relays = 0;
        ReadFunctions functions = ReadFunctions.BOTH;
        List<String> injections = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!COMMON.contains(flag) && !OWN.values().stream().anyMatch(s -> s.contains(flag))) {
                return new Invalid("unknown option " + flag + "; " + USAGE);
            }
            if (!COMMON.contains(flag) && !OWN.get(kind).contains(flag)) {
                return new Invalid(flag + " is not for " + NOUN.get(kind) + "; " + NOUN.get(kind) + " takes "
                        + (OWN.get(kind).isEmpty() ? "only --unit and the options every kind takes"
                        : String.join(", ", OWN.get(kind).stream().sorted().toList())));
            }
            if (i + 1 >= args.length) {
                return new Invalid(flag + " needs a value; " + USAGE);
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--listen" -> {
                        URI uri = URI.create(value);
                        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
                            return new Invalid("--listen " + value + ": expected tcp://HOST:PORT, e.g. tcp://127.0.0.1:5020 (port 0 picks a free one)");
                        }
                        host = uri.getHost();
                        port = uri.getPort();
                    }
                    case "--serial" -> serial = Path.of(value);
                    case "--unit" -> unit = Integer.parseInt(value);
                    case "--ports", "--channels" -> size = Integer.parseInt(value);
                    case "--meters" -> meters = Integer.parseInt(value);
                    case "--relays" -> relays = Integer.parseInt(value);
                    case "--function" -> {
                        var f = ReadFunctions.parse(value);
                        if (f.isEmpty()) {
                            return new Invalid("--function " + value + ": write 3 (holding registers), 4 (input registers) or both");
                        }
                        functions = f.get();
                    }
                    case "--baud" -> baud = Integer.parseInt(value);
                    case "--speed" -> speed = Double.parseDouble(value);
                    default -> injections.addAll(List.of(value.split(",")));
                }
            } catch (NumberFormatException e) {
                return new Invalid(flag + " " + value + ": not a number");
            } catch (IllegalArgumentException e) {
                return new Invalid(flag + " " + value + ": " + e.getMessage());
            }
        }
        if ((host == null) == (serial == null)) {
            return new Invalid("give exactly one of --listen tcp://HOST:PORT or --serial DEVICE; " + USAGE);
        }
        int maxUnit = MAX_UNIT.get(kind);
        if (unit < 1 || unit > maxUnit) {
            return new Invalid("--unit " + unit + ": " + NOUN.get(kind) + "'s bus address is 1-" + maxUnit);
        }
        if (meters < 1 || unit + meters - 1 > maxUnit) {
            return new Invalid("--meters " + meters + ": the meters take units " + unit + " to " + (unit + meters - 1)
                    + "; a shed has at least one meter and units are 1-" + maxUnit);
        }
        if (relays < 0 || relays > maxUnit) {
            return new Invalid("--relays " + relays + ": the first relay board's unit is 1-" + maxUnit);
        }
        if (baud != 0 && (baud < 300 || baud > 921_600)) {
            return new Invalid("--baud " + baud + ": must be 300-921600");
        }
        if (!(speed > 0) || speed > 100_000) {
            return new Invalid("--speed " + speed + ": must be above 0 and at most 100000");
        }
        return new Ok(new SimulateOptions(kind, host, port, serial, unit, size == null ? DEFAULT_SIZE.get(kind) : size, baud,
                speed, List.copyOf(injections), meters, relays, functions));
    }
}
