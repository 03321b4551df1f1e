package org.anju.firmware.lift;

import java.util.ArrayList;
import java.util.List;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.relay.RelayBoardSimulator;
import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * A lift car's floor buttons behind the lift relay board that access control wires into them: a
 * plain Modbus relay board ({@link RelayBoardSimulator}, powering up with every relay open) whose
 * relay b sits in series with floor button b, so a button calls the car only while its relay is
 * closed. Passengers are {@link #press} calls; the car goes to a floor whose button works and
 * ignores the others, as a real car does. The lift's own fire recall belongs to the lift
 * controller and is not modelled. Thread-safe (the board holds the state).
 */
public final class LiftCar {
    private final RelayBoardSimulator board;
    private final List<Integer> visited = new ArrayList<>();
    private int at = 1;

    /** A car with {@code buttons} floor buttons, one relay channel each, every one locked at power-up. */
    public LiftCar(int buttons) {
        this.board = new RelayBoardSimulator(buttons, false);
    }

    /** The lift board's map for the protocol document: the relay board's coils, read as floor buttons. */
    public static List<RegisterSpec> registers() {
        return List.of(new RegisterSpec("floor button b enable", RegisterTable.COIL, RelayBoardSimulator.COIL_BASE, DataType.U16,
                WordOrder.HIGH_FIRST, 1, "", "coil b-1: 1 closes relay b, so floor button b calls the car; 0 leaves the button dead"));
    }

    public int buttons() {
        return board.channels();
    }

    /** A passenger presses floor button {@code button}: true if the car takes them there. */
    public synchronized boolean press(int button) {
        if (!board.conducting(button)) {
            return false;
        }
        at = button;
        visited.add(button);
        return true;
    }

    /** Whether floor button {@code button} would call the car now. */
    public boolean works(int button) {
        return board.conducting(button);
    }

    /** The floor button of the floor the car last went to (1 at start). */
    public synchronized int at() {
        return at;
    }

    /** The buttons that took the car somewhere, in order. */
    public synchronized List<Integer> visited() {
        return List.copyOf(visited);
    }

    public RelayBoardSimulator board() {
        return board;
    }

    public LineDevice onLine(int unit) {
        return board.onLine(unit);
    }
}
