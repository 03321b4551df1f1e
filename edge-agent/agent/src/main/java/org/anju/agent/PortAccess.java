package org.anju.agent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.anju.agent.bus.BusOutcome;
import org.anju.agent.charging.PortReading;
import org.anju.protocol.modbus.ModbusPdu;

/**
 * How the gateway reaches charging ports: switch one's relay, and read ports back at command
 * priority to see what a command did. The rules decide; this carries it out on whatever holds
 * the port: a pile with its own relays and meters ({@link PileRegisterAccess}), or a socket fed
 * by a relay-board channel and metered by a meter of its own ({@link SocketAccess}).
 */
interface PortAccess {

    /** What a read-back came to: a reading of each port asked for, or why there is none. */
    sealed interface ReadBack {
        record Read(List<PortReading> readings) implements ReadBack {
        }

        record NotRead(String reason) implements ReadBack {
        }
    }

    /**
     * Switches the port's relay at command priority, ahead of every routine poll; completes with
     * null when the device acknowledged, else why not. Never fails.
     */
    CompletableFuture<String> switchRelay(String pile, int port, boolean on);

    /** Reads these ports of the pile now, at command priority; the readings are stamped by the rules' clock. */
    CompletableFuture<ReadBack> readBack(String pile, Set<Integer> ports);

    /** Null when the device took a relay write, else why not. */
    static String refusal(String device, BusOutcome<ModbusPdu.Response> outcome) {
        if (outcome instanceof BusOutcome.Answered<ModbusPdu.Response> a) {
            return a.reply() instanceof ModbusPdu.ExceptionResponse e ? device + " refused the relay write ("
                    + e.exception().map(Enum::name).orElse("exception " + e.code()) + ")" : null;
        }
        return outcome.problem();
    }

    /** Each pile's or board's ports reached by whichever access holds them. */
    static PortAccess routed(java.util.Map<String, PortAccess> byPile) {
        return new PortAccess() {
            @Override
            public CompletableFuture<String> switchRelay(String pile, int port, boolean on) {
                PortAccess a = byPile.get(pile);
                return a == null ? CompletableFuture.completedFuture("no pile or relay board " + pile + " on this site")
                        : a.switchRelay(pile, port, on);
            }

            @Override
            public CompletableFuture<ReadBack> readBack(String pile, Set<Integer> ports) {
                PortAccess a = byPile.get(pile);
                return a == null ? CompletableFuture.completedFuture(new ReadBack.NotRead("no pile or relay board " + pile
                        + " on this site")) : a.readBack(pile, ports);
            }
        };
    }
}
