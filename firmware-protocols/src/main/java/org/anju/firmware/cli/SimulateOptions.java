package org.anju.firmware.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed command line of {@code anju simulate}. Parsing never throws: a wrong argument
 * becomes one message that says what was wrong and what would be right.
 */
record SimulateOptions(String kind, String listenHost, int listenPort, Path serial, int unit, int size, int baud,
                       double speed, List<String> injections) {

    static final String USAGE = "usage: anju simulate pile|lockboard (--listen tcp://HOST:PORT | --serial DEVICE) "
            + "[--unit N] [--ports N | --channels N] [--baud B] [--speed X] [--inject SPEC]...";

    sealed interface Parsed {
    }

    record Ok(SimulateOptions options) implements Parsed {
    }

    record Invalid(String message) implements Parsed {
    }

    static Parsed parse(String[] args) {
        if (args.length == 0 || !(args[0].equals("pile") || args[0].equals("lockboard"))) {
            return new Invalid("first argument must be pile or lockboard; " + USAGE);
        }
        String kind = args[0];
        String host = null;
        int port = -1;
        Path serial = null;
        int unit = 1;
        Integer size = null;
        int baud = 0;
        double speed = 1;
        List<String> injections = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
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
                    case "--ports", "--channels" -> {
                        boolean matches = flag.equals(kind.equals("pile") ? "--ports" : "--channels");
                        if (!matches) {
                            return new Invalid(flag + " is not for a " + kind + "; use "
                                    + (kind.equals("pile") ? "--ports" : "--channels"));
                        }
                        size = Integer.parseInt(value);
                    }
                    case "--baud" -> baud = Integer.parseInt(value);
                    case "--speed" -> speed = Double.parseDouble(value);
                    case "--inject" -> injections.addAll(List.of(value.split(",")));
                    default -> {
                        return new Invalid("unknown option " + flag + "; " + USAGE);
                    }
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
        int maxUnit = kind.equals("pile") ? 247 : 255;
        if (unit < 1 || unit > maxUnit) {
            return new Invalid("--unit " + unit + ": a " + kind + " bus address is 1-" + maxUnit);
        }
        if (baud != 0 && (baud < 300 || baud > 921_600)) {
            return new Invalid("--baud " + baud + ": must be 300-921600");
        }
        if (!(speed > 0) || speed > 100_000) {
            return new Invalid("--speed " + speed + ": must be above 0 and at most 100000");
        }
        int defaultSize = kind.equals("pile") ? 10 : 16;
        return new Ok(new SimulateOptions(kind, host, port, serial, unit, size == null ? defaultSize : size, baud,
                speed, List.copyOf(injections)));
    }
}
