package org.anju.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.SerialDeviceLink;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.firmware.pile.PileSimulator;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same bus code over a local serial port: jSerialComm on one end of a socat pty pair, the pile on the other. */
@Tag("peer")
class SerialTransportPtyTest {
    @TempDir
    Path dir;

    @Test
    void readsThePileThroughAPseudoTerminalAtLineSpeed() throws Exception {
        PileSimulator pile = new PileSimulator(4, PileLimits.DEFAULTS);
        pile.plugIn(1, Bike.TYPICAL);
        pile.switchRelay(1, true);
        pile.advance(Duration.ofSeconds(10));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (SocatPtyPair line = new SocatPtyPair(dir);
             SerialDeviceLink device = new SerialDeviceLink(line.deviceEnd(), 9600, pile.onLine(5),
                     LinePacing.atBaud(9600), 10_000_000L, timer);
             BusScheduler bus = new BusScheduler(BusSettings.defaults("rs485-1", LinePacing.atBaud(9600).silenceNanos()),
                     new SerialTransport(line.masterEnd().toString(), 9600, SerialTransport.Parity.NONE, 1), s -> { })) {
            var outcome = new ModbusClient(bus).command(5, ModbusPdu.ReadRequest.of(RegisterTable.COIL, 0, 4)).join();
            assertThat(outcome).isInstanceOf(BusOutcome.Answered.class);
            var bits = (ModbusPdu.ReadBitsResponse) ((BusOutcome.Answered<ModbusPdu.Response>) outcome).reply();
            assertThat(bits.first(4)).containsExactly(true, false, false, false);

            var power = new ModbusClient(bus).command(5, ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER,
                    PileRegisterMap.portBlock(1) + PileRegisterMap.PORT_POWER, 1)).join();
            assertThat(((ModbusPdu.ReadRegistersResponse) ((BusOutcome.Answered<ModbusPdu.Response>) power).reply())
                    .registers()).containsExactly(180);
        } finally {
            timer.shutdownNow();
        }
    }
}
