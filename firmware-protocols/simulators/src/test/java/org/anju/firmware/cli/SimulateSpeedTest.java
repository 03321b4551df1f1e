package org.anju.firmware.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.anju.firmware.lockboard.LockBoardSimulator;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.CutReason;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.lockboard.LockBoardCodec;
import org.anju.protocol.lockboard.LockBoardFrame;
import org.anju.protocol.modbus.ModbusPdu;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code anju simulate --speed X} against a gateway at the wall's pace: the devices the command
 * builds keep every firmware timer on the wall's clock (virtual time here: the clock is advanced
 * by hand, as a {@code SimulationClock} at X would), and {@code --help} says so.
 */
@Tag("wire")
class SimulateSpeedTest {
    private static SimulateOptions options(String... args) {
        return ((SimulateOptions.Ok) SimulateOptions.parse(args)).options();
    }

    @Test
    void aPileAtFiveTimesTheWallKeepsItsPortsOnWhileTheGatewayHeartbeatsEvery20WallSeconds() {
        PileSimulator pile = Simulators.pileFor(options("pile", "--listen", "tcp://127.0.0.1:0", "--speed", "5"));
        pile.plugIn(2, Bike.TYPICAL);
        pile.switchRelay(2, true);
        for (int beat = 0; beat < 6; beat++) {
            pile.modbus().handle(new ModbusPdu.WriteSingleRegister(0, beat + 1)); // the gateway's heartbeat
            pile.advance(Duration.ofSeconds(20 * 5)); // 20 s of the wall at x5
        }
        assertThat(pile.port(2).relayClosed()).as("two minutes of heartbeats every 20 s").isTrue();
        pile.advance(Duration.ofSeconds(61 * 5)); // the gateway goes silent for a minute of the wall
        assertThat(pile.port(2).relayClosed()).isFalse();
        assertThat(pile.port(2).cutReason()).isEqualTo(CutReason.WATCHDOG);
    }

    @Test
    void aLockBoardAtSixtyTimesTheWallHoldsItsDoorReleasedForFiveWallSeconds() {
        LockBoardSimulator board = Simulators.lockBoardFor(options("lockboard", "--listen", "tcp://127.0.0.1:0",
                "--speed", "60"));
        byte[] open = LockBoardCodec.encode(new LockBoardFrame.OpenChannel(1, 3));
        board.receive(open, 0, open.length);
        board.advance(Duration.ofSeconds(4 * 60));
        assertThat(board.status(3).unlocked()).as("4 wall seconds into a 5 s pulse").isTrue();
        board.advance(Duration.ofSeconds(2 * 60));
        assertThat(board.status(3).unlocked()).isFalse();
    }

    @Test
    void helpSaysWhatTheSpeedDoesToEveryTimer() {
        assertThat(SimulateOptions.parse(new String[] {"pile", "--help"})).isInstanceOf(SimulateOptions.Help.class);
        assertThat(SimulateOptions.parse(new String[] {"-h"})).isInstanceOf(SimulateOptions.Help.class);
        assertThat(SimulateOptions.HELP.replaceAll("\\s+", " ")).contains("--speed", "heartbeat watchdog", "full-charge time", "maximum session",
                "unlock pulse", "door closer", "wall");
    }
}
