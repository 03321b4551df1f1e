package org.anju.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Commands go before routine polls: a command waits at most for the one exchange already on the line. */
class CommandPriorityTest {

    /** A request whose reply is an echo of its frame, read by a reader that accepts that echo. */
    private static BusRequest<String> echo(String device, String text) {
        byte[] frame = text.getBytes();
        return new BusRequest<>(device, frame, () -> (bytes, off, len) ->
                new String(bytes, off, len).equals(text) ? new ReplyReader.Complete<>(text) : new ReplyReader.Incomplete<>(),
                true);
    }

    @Test
    void aCommandOvertakesEveryWaitingPoll() throws Exception {
        ScriptedTransport line = new ScriptedTransport();
        BusSettings settings = new BusSettings("p", Duration.ofSeconds(5), 0, 3, Duration.ofSeconds(10), 0,
                Duration.ofSeconds(1));
        try (BusScheduler bus = new BusScheduler(settings, line, s -> { })) {
            for (int i = 0; i < 20; i++) {
                bus.poll(Duration.ofMillis(1), () -> echo("pile", "poll"), o -> { });
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> line.written.size() == 1); // one poll on the line
            CompletableFuture<BusOutcome<String>> command = bus.command(echo("lock board", "open"));
            line.answerOne();                                                          // the poll in flight ends
            await().atMost(Duration.ofSeconds(5)).until(() -> line.written.size() == 2);
            assertThat(new String(line.written.get(1))).isEqualTo("open");
            line.answerAll();
            assertThat(command.get()).isInstanceOf(BusOutcome.Answered.class);
        }
    }
}
