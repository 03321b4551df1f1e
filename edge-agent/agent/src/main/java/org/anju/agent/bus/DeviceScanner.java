package org.anju.agent.bus;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
    private final Cycle cycle;

    /** Called on the bus thread: {@code onSnapshot} must hand off, not block. */
    public DeviceScanner(ModbusClient modbus, String device, int unit, List<Read> reads, Duration period, Clock clock,
                         Consumer<RegisterSnapshot> onSnapshot) {
        Cycle cycle = new Cycle(reads.size());
        this.cycle = cycle;
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

    /**
     * Starts the cycle under way over: a command changed the device (a relay opened), so what this
     * cycle read before it describes a device that is no longer there. Without this, a snapshot
     * finished after the command could carry a relay read before it and undo what a read-back has
     * just confirmed. Safe from any thread; the bus thread acts on it at the next answer, which is
     * always one given after the command when this is called from the command's completion.
     */
    public void restartCycle() {
        cycle.restart = true;
    }

    /** What a one-off read of a device came to: its registers, or why not. */
    public sealed interface ReadOnce {
        record Read(RegisterSnapshot snapshot) implements ReadOnce {
        }

        record NotRead(String reason) implements ReadOnce {
        }
    }

    /**
     * Reads {@code reads} of {@code unit} once, each at command priority (ahead of every routine
     * poll), one after the other; the first that is not answered ends it with the reason.
     */
    public static CompletableFuture<ReadOnce> readOnce(ModbusClient modbus, String device, int unit, List<Read> reads,
                                                       Clock clock) {
        RegisterSnapshot.Builder builder = new RegisterSnapshot.Builder();
        CompletableFuture<String> chain = CompletableFuture.completedFuture(null);
        for (Read read : reads) {
            chain = chain.thenCompose(problem -> problem != null ? CompletableFuture.completedFuture(problem)
                    : modbus.command(unit, ModbusPdu.ReadRequest.of(read.table(), read.address(), read.count()))
                            .thenApply(outcome -> Cycle.put(builder, read, outcome)));
        }
        return chain.thenApply(problem -> problem != null ? new ReadOnce.NotRead(device + ": " + problem)
                : new ReadOnce.Read(builder.build(device, clock.instant())));
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
        volatile boolean restart;

        Cycle(int reads) {
            answered = new boolean[reads];
        }

        /** True when this answer completes a cycle. */
        boolean record(int index, Read read, BusOutcome<ModbusPdu.Response> outcome) {
            if (restart) {
                restart = false;
                reset(); // this answer came after the command: it starts the new cycle
            }
            if (put(builder, read, outcome) != null) {
                reset(); // unanswered, or an exception response: the device refuses its own profile's read
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

        /** Puts an answer's words in; returns why not when there is none to put. */
        static String put(RegisterSnapshot.Builder builder, Read read, BusOutcome<ModbusPdu.Response> outcome) {
            if (!(outcome instanceof BusOutcome.Answered<ModbusPdu.Response> a)) {
                return outcome.problem();
            }
            ModbusPdu.Response reply = a.reply();
            if (reply instanceof ModbusPdu.ReadRegistersResponse regs) {
                builder.put(read.table(), read.address(), regs.registers());
            } else if (reply instanceof ModbusPdu.ReadBitsResponse bits) {
                builder.put(read.table(), read.address(), bits.first(read.count()).stream().map(b -> b ? 1 : 0).toList());
            } else {
                return "refused the read of " + read.count() + " at " + read.address() + ": " + reply;
            }
            return null;
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
