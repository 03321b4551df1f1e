package org.anju.agent.bus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;

/**
 * Polls a Modbus device with the reads its profile lists, and hands on one
 * {@link RegisterSnapshot} per cycle in which every read was answered. A cycle with a read
 * unanswered produces no snapshot: the bus's device health says why.
 */
public final class DeviceScanner implements AutoCloseable {
    /** One read of the profile: which table, from where, how many. */
    public record Read(RegisterTable table, int address, int count) {
    }

    private final List<AutoCloseable> polls = new ArrayList<>();

    /** Called on the bus thread: {@code onSnapshot} must hand off, not block. */
    public DeviceScanner(ModbusClient modbus, String device, int unit, List<Read> reads, Duration period, Clock clock,
                         Consumer<RegisterSnapshot> onSnapshot) {
        Cycle cycle = new Cycle(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            int index = i;
            polls.add(modbus.poll(unit, ModbusPdu.ReadRequest.of(read.table(), read.address(), read.count()), period,
                    outcome -> {
                        if (cycle.record(index, read, outcome)) {
                            onSnapshot.accept(cycle.snapshot(device, clock));
                        }
                    }));
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable p : polls) {
            p.close();
        }
    }

    /** The answers gathered since the last complete cycle; only the bus thread touches it. */
    private static final class Cycle {
        private final boolean[] answered;
        private RegisterSnapshot.Builder builder = new RegisterSnapshot.Builder();

        Cycle(int reads) {
            answered = new boolean[reads];
        }

        /** True when this answer completes a cycle. */
        boolean record(int index, Read read, BusOutcome<ModbusPdu.Response> outcome) {
            if (!(outcome instanceof BusOutcome.Answered<ModbusPdu.Response> a)) {
                reset();
                return false;
            }
            ModbusPdu.Response reply = a.reply();
            if (reply instanceof ModbusPdu.ReadRegistersResponse regs) {
                builder.put(read.table(), read.address(), regs.registers());
            } else if (reply instanceof ModbusPdu.ReadBitsResponse bits) {
                builder.put(read.table(), read.address(),
                        bits.first(read.count()).stream().map(b -> b ? 1 : 0).toList());
            } else {
                reset(); // an exception response: the device refuses its own profile's read
                return false;
            }
            answered[index] = true;
            for (boolean done : answered) {
                if (!done) {
                    return false;
                }
            }
            return true;
        }

        RegisterSnapshot snapshot(String device, Clock clock) {
            RegisterSnapshot s = builder.build(device, clock.instant());
            reset();
            return s;
        }

        private void reset() {
            java.util.Arrays.fill(answered, false);
            builder = new RegisterSnapshot.Builder();
        }
    }
}
