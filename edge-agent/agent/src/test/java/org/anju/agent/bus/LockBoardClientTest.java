package org.anju.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.protocol.lockboard.ChannelStatus;
import org.anju.protocol.lockboard.LockBoardFrame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lock-board client against the reference board on a TCP serial server. */
@Tag("wire")
class LockBoardClientTest {
    private static BusSettings settings() {
        return new BusSettings("locks", Duration.ofMillis(200), 1, 2, Duration.ofSeconds(1), 1_000_000,
                Duration.ofMillis(200));
    }

    @Test
    void opensAChannelAndReadsItsStateBack() throws Exception {
        LockBoardSimulator board = new LockBoardSimulator(3);
        try (TcpSerialServer server = TcpSerialServer.onFreeLoopbackPort(board);
             BusScheduler bus = new BusScheduler(settings(), new TcpTransport("127.0.0.1", server.port()), s -> { })) {
            LockBoardClient client = new LockBoardClient(bus);
            var opened = client.command(new LockBoardFrame.OpenChannel(3, 7)).join();
            assertThat(opened).isInstanceOf(BusOutcome.Answered.class);
            assertThat(((BusOutcome.Answered<LockBoardFrame.Reply>) opened).reply())
                    .isEqualTo(new LockBoardFrame.OpenResult(3, 7, true));

            var all = client.command(new LockBoardFrame.ReadAll(3)).join();
            var states = (LockBoardFrame.AllStates) ((BusOutcome.Answered<LockBoardFrame.Reply>) all).reply();
            assertThat(states.channel(7).unlocked()).isTrue();
            assertThat(states.channel(6)).isEqualTo(ChannelStatus.LOCKED_CLOSED);
        }
    }

    @Test
    void aJammedLockIsReportedAsNotOpened() throws Exception {
        LockBoardSimulator board = new LockBoardSimulator(1);
        board.jam(2);
        try (TcpSerialServer server = TcpSerialServer.onFreeLoopbackPort(board);
             BusScheduler bus = new BusScheduler(settings(), new TcpTransport("127.0.0.1", server.port()), s -> { })) {
            var outcome = new LockBoardClient(bus).command(new LockBoardFrame.OpenChannel(1, 2)).join();
            assertThat(((BusOutcome.Answered<LockBoardFrame.Reply>) outcome).reply())
                    .isEqualTo(new LockBoardFrame.OpenResult(1, 2, false));
        }
    }

    @Test
    void aBoardThatIsNotOnTheLineGivesNoAnswerWithinItsTimeouts() throws Exception {
        LockBoardSimulator other = new LockBoardSimulator(1);
        try (TcpSerialServer server = TcpSerialServer.onFreeLoopbackPort(other);
             BusScheduler bus = new BusScheduler(settings(), new TcpTransport("127.0.0.1", server.port()), s -> { })) {
            var outcome = new LockBoardClient(bus).command(new LockBoardFrame.OpenChannel(9, 1)).join();
            assertThat(outcome).isInstanceOf(BusOutcome.NoAnswer.class);
        }
    }
}
