package org.anju.firmware.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.anju.firmware.line.InjectionSpec;
import org.anju.firmware.lift.LiftCar;
import org.anju.firmware.lift.LiftInjection;
import org.anju.firmware.line.LineDevice;
import org.anju.firmware.lockboard.LockBoardInjection;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.firmware.meter.MeterShed;
import org.anju.firmware.meter.ShedInjection;
import org.anju.firmware.pile.PileInjection;
import org.anju.protocol.pile.PileLimits;
import org.anju.firmware.pile.PileSimulator;
import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.firmware.relay.RelayInjection;
import org.anju.firmware.turnstile.TurnstileInjection;
import org.anju.firmware.turnstile.TurnstileSimulator;

/**
 * Builds the device a {@code anju simulate} command line asks for: the simulator on its line, its
 * injections timed in simulated time, and the words that describe it. A wrong injection or layout
 * is a value with the reason, never an exception.
 */
final class Simulators {

    sealed interface Built {
    }

    record Ready(LineDevice device, String description) implements Built {
    }

    record Refused(String reason) implements Built {
    }

    private Simulators() {
    }

    static Built build(SimulateOptions o) {
        try {
            return switch (o.kind()) {
                case "pile" -> pile(o);
                case "lockboard" -> lockBoard(o);
                case "meter" -> shed(o);
                case "lift" -> lift(o);
                case "turnstile" -> turnstile(o);
                default -> relays(o);
            };
        } catch (IllegalArgumentException e) {
            return new Refused(e.getMessage());
        }
    }

    /** The pile a command line asks for: its firmware's timers at the wall's pace, whatever the speed (see --help). */
    static PileSimulator pileFor(SimulateOptions o) {
        PileSimulator pile = new PileSimulator(o.size(), PileLimits.DEFAULTS);
        pile.wallPacedTimers(o.speed());
        return pile;
    }

    /** The lock board a command line asks for: its pulse and door closer at the wall's pace (see --help). */
    static LockBoardSimulator lockBoardFor(SimulateOptions o) {
        LockBoardSimulator board = new LockBoardSimulator(o.unit(), o.size(), LockBoardSimulator.DEFAULT_PULSE,
                LockBoardSimulator.DEFAULT_DOOR_CLOSER);
        board.wallPacedTimers(o.speed());
        return board;
    }

    private static Built pile(SimulateOptions o) {
        PileSimulator pile = pileFor(o);
        List<TimedActions.Action> actions = new ArrayList<>();
        for (String text : o.injections()) {
            PileInjection.Parsed parsed = PileInjection.parse(text, o.size());
            if (parsed instanceof PileInjection.Invalid bad) {
                return refusedInjection(bad.reason());
            }
            PileInjection ok = ((PileInjection.Ok) parsed).injection();
            actions.add(new TimedActions.Action(ok.atSeconds(), ok.spec(), () -> ok.action().accept(pile)));
        }
        return new Ready(new TimedActions(pile.onLine(o.unit()), actions),
                "pile unit " + o.unit() + ", " + o.size() + " ports");
    }

    private static Built lockBoard(SimulateOptions o) {
        LockBoardSimulator board = lockBoardFor(o);
        List<TimedActions.Action> actions = new ArrayList<>();
        for (String text : o.injections()) {
            InjectionSpec.Parsed parsed = InjectionSpec.parse(text, LockBoardInjection.grammar(o.size()));
            if (parsed instanceof InjectionSpec.Invalid bad) {
                return refusedInjection(bad.reason());
            }
            actions.add(timed(((InjectionSpec.Ok) parsed).spec(), LockBoardInjection::action, board));
        }
        return new Ready(new TimedActions(board, actions), "lock board " + o.unit() + ", " + o.size() + " channels");
    }

    private static Built relays(SimulateOptions o) {
        // a board powers up with its relays open
        RelayBoardSimulator board = new RelayBoardSimulator(o.size(), false);
        List<TimedActions.Action> actions = new ArrayList<>();
        for (String text : o.injections()) {
            InjectionSpec.Parsed parsed = InjectionSpec.parse(text, RelayInjection.grammar(o.size()));
            if (parsed instanceof InjectionSpec.Invalid bad) {
                return refusedInjection(bad.reason());
            }
            actions.add(timed(((InjectionSpec.Ok) parsed).spec(), RelayInjection::action, board));
        }
        return new Ready(new TimedActions(board.onLine(o.unit()), actions),
                "relay board unit " + o.unit() + ", " + o.size() + " channels");
    }

    private static Built lift(SimulateOptions o) {
        LiftCar car = new LiftCar(o.size());
        List<TimedActions.Action> actions = new ArrayList<>();
        for (String text : o.injections()) {
            InjectionSpec.Parsed parsed = InjectionSpec.parse(text, LiftInjection.grammar(o.size()));
            if (parsed instanceof InjectionSpec.Invalid bad) {
                return refusedInjection(bad.reason());
            }
            actions.add(timed(((InjectionSpec.Ok) parsed).spec(), LiftInjection::action, car));
        }
        return new Ready(new TimedActions(car.onLine(o.unit()), actions),
                "lift board unit " + o.unit() + ", " + o.size() + " floor buttons (all dead until enabled)");
    }

    private static Built turnstile(SimulateOptions o) {
        TurnstileSimulator lane = new TurnstileSimulator();
        List<TimedActions.Action> actions = new ArrayList<>();
        for (String text : o.injections()) {
            InjectionSpec.Parsed parsed = InjectionSpec.parse(text, TurnstileInjection.grammar());
            if (parsed instanceof InjectionSpec.Invalid bad) {
                return refusedInjection(bad.reason());
            }
            actions.add(timed(((InjectionSpec.Ok) parsed).spec(), TurnstileInjection::action, lane));
        }
        return new Ready(new TimedActions(lane.onLine(o.unit()), actions), "turnstile unit " + o.unit());
    }

    private static Built shed(SimulateOptions o) {
        MeterShed.Layout layout = new MeterShed.Layout(o.unit(), o.meters(), o.functions(), o.relays(), o.size());
        MeterShed shed = new MeterShed(layout);
        List<TimedActions.Action> actions = new ArrayList<>();
        for (String text : o.injections()) {
            ShedInjection.Parsed parsed = ShedInjection.parse(text, layout);
            if (parsed instanceof ShedInjection.Invalid bad) {
                return refusedInjection(bad.reason());
            }
            ShedInjection.Ok ok = (ShedInjection.Ok) parsed;
            actions.add(new TimedActions.Action(ok.spec().atSeconds(), ok.spec().text(), () -> ok.action().accept(shed)));
        }
        return new Ready(new TimedActions(shed.onLine(), actions), describe(layout));
    }

    private static String describe(MeterShed.Layout l) {
        String meters = l.meters() == 1 ? "meter unit " + l.firstMeterUnit()
                : l.meters() + " meters at units " + l.firstMeterUnit() + "-" + l.meterUnit(l.meters());
        String relays = !l.hasRelays() ? ", no relay board (sockets always live)"
                : l.boards() == 1 ? ", relay board unit " + l.firstRelayUnit() + " (" + l.channelsPerBoard() + " channels)"
                : ", relay boards at units " + l.firstRelayUnit() + "-" + (l.firstRelayUnit() + l.boards() - 1)
                        + " (" + l.channelsPerBoard() + " channels each)";
        return meters + " (" + l.functions().describe() + ")" + relays;
    }

    private static <T> TimedActions.Action timed(InjectionSpec spec, java.util.function.Function<InjectionSpec, Consumer<T>> action,
                                                 T device) {
        Consumer<T> run = action.apply(spec);
        return new TimedActions.Action(spec.atSeconds(), spec.text(), () -> run.accept(device));
    }

    private static Refused refusedInjection(String reason) {
        return new Refused("--inject " + reason);
    }
}
