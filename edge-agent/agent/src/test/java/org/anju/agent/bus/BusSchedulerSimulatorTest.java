package org.anju.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.line.SharedLine;
import org.anju.protocol.modbus.LinePacing;
import org.anju.firmware.line.TcpSerialServer;
import org.anju.firmware.pile.Bike;
import org.anju.protocol.pile.PileLimits;
import org.anju.protocol.pile.PileRegisterMap;
import org.anju.firmware.pile.PileSimulator;
import org.anju.firmware.turnstile.TurnstileRegisterMap;
import org.anju.firmware.turnstile.TurnstileSimulator;
import org.anju.protocol.pile.PortState;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bus scheduler and Modbus client against reference piles on a TCP serial server over loopback. */
@Tag("wire")
class BusSchedulerSimulatorTest {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private BusScheduler bus(TcpSerialServer server, BusSettings settings) {
        return keep(new BusScheduler(settings, new TcpTransport("127.0.0.1", server.port()), statuses::add));
    }

    private static BusSettings fast(String name) {
        return new BusSettings(name, Duration.ofMillis(150), 1, 2, Duration.ofMillis(800), 1_000_000,
                Duration.ofMillis(200));
    }

    @Test
    void readsAChargingPortAndCutsItsRelayByCommand() throws Exception {
        PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
        pile.plugIn(4, Bike.TYPICAL);
        pile.switchRelay(4, true);
        pile.advance(Duration.ofSeconds(30));
        TcpSerialServer server = keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(9)));
        ModbusClient modbus = new ModbusClient(bus(server, fast("bus-a")));

        var outcome = modbus.command(9, ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER,
                PileRegisterMap.portBlock(4), PileRegisterMap.PORT_USED_WORDS)).join();
        assertThat(outcome).isInstanceOf(BusOutcome.Answered.class);
        var regs = (ModbusPdu.ReadRegistersResponse) ((BusOutcome.Answered<ModbusPdu.Response>) outcome).reply();
        assertThat(regs.registers().get(PileRegisterMap.PORT_STATE)).isEqualTo(PortState.CHARGING.code());
        assertThat(regs.registers().get(PileRegisterMap.PORT_POWER)).isEqualTo(180);

        var cut = modbus.command(9, new ModbusPdu.WriteSingleCoil(PileRegisterMap.relayCoil(4), false)).join();
        assertThat(cut).isInstanceOf(BusOutcome.Answered.class);
        assertThat(pile.port(4).relayClosed()).isFalse();
    }

    @Test
    void aSilentUnitGoesOfflineWithoutSlowingItsNeighbourAndComesBack() throws Exception {
        PileSimulator alive = new PileSimulator(2, PileLimits.DEFAULTS);
        PileSimulator dying = new PileSimulator(2, PileLimits.DEFAULTS);
        AtomicInteger framesToDying = new AtomicInteger();
        LineDevice dyingLine = dying.onLine(2);
        LineDevice countingDying = (data, offset, length) -> {
            // the first byte of a request frame is the unit address
            if (length > 0 && data[offset] == 2) {
                framesToDying.incrementAndGet();
            }
            return dyingLine.receive(data, offset, length);
        };
        TcpSerialServer server = keep(TcpSerialServer.onFreeLoopbackPort(SharedLine.of(alive.onLine(1), countingDying)));
        BusScheduler bus = bus(server, fast("bus-b"));
        ModbusClient modbus = new ModbusClient(bus);
        AtomicInteger aliveAnswers = new AtomicInteger();
        var read = ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER, PileRegisterMap.IR_TEMPERATURE, 4);
        keep(modbus.poll(1, read, Duration.ofMillis(50), o -> {
            if (o instanceof BusOutcome.Answered) {
                aliveAnswers.incrementAndGet();
            }
        }));
        keep(modbus.poll(2, read, Duration.ofMillis(50), o -> { }));
        await().atMost(Duration.ofSeconds(5)).until(() -> aliveAnswers.get() > 5);

        dying.silenceUnit(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.contains(
                new DeviceStatus("bus-b", ModbusClient.deviceName(2), false, "no answer to 2 exchanges in a row")));
        assertThat(bus.isOnline(ModbusClient.deviceName(2))).isFalse();

        // offline: probed about once per 800 ms, while unit 1 keeps its 50 ms poll
        int probesBefore = framesToDying.get();
        int answersBefore = aliveAnswers.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> aliveAnswers.get() >= answersBefore + 30);
        assertThat(framesToDying.get() - probesBefore).isLessThanOrEqualTo(6);

        dying.silenceUnit(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.isOnline(ModbusClient.deviceName(2)));
        assertThat(statuses).extracting(DeviceStatus::online).containsExactly(false, true);
    }

    @Test
    void aCommandToASilentDeviceEndsWithNoAnswerWithinItsTimeoutsAndRetries() throws Exception {
        PileSimulator pile = new PileSimulator(2, PileLimits.DEFAULTS);
        pile.silenceUnit(true);
        TcpSerialServer server = keep(TcpSerialServer.onFreeLoopbackPort(pile.onLine(1)));
        ModbusClient modbus = new ModbusClient(bus(server, fast("bus-c")));
        var outcome = modbus.command(1, new ModbusPdu.WriteSingleCoil(0, true)).join();
        assertThat(outcome).isEqualTo(new BusOutcome.NoAnswer<ModbusPdu.Response>(ModbusClient.deviceName(1), 2, 0));
    }

    @Test
    void corruptedRepliesAreRetriedAndCounted() throws Exception {
        PileSimulator pile = new PileSimulator(2, PileLimits.DEFAULTS);
        LineDevice line = pile.onLine(1);
        AtomicInteger replies = new AtomicInteger();
        LineDevice noisy = (data, offset, length) -> {
            List<byte[]> out = line.receive(data, offset, length);
            if (!out.isEmpty() && replies.getAndIncrement() == 0) {
                byte[] damaged = out.get(0).clone();
                damaged[damaged.length - 1] ^= 0x5A; // a flipped CRC byte, as line noise makes
                return List.of(damaged);
            }
            return out;
        };
        TcpSerialServer server = keep(TcpSerialServer.onFreeLoopbackPort(noisy));
        ModbusClient modbus = new ModbusClient(bus(server, fast("bus-d")));
        var outcome = modbus.command(1, ModbusPdu.ReadRequest.of(RegisterTable.HOLDING_REGISTER,
                PileRegisterMap.HR_OVERLOAD_W, 1)).join();
        assertThat(outcome).isInstanceOf(BusOutcome.Answered.class);
        var answered = (BusOutcome.Answered<ModbusPdu.Response>) outcome;
        assertThat(answered.attempts()).isEqualTo(2);
        assertThat(answered.reply()).isEqualTo(
                new ModbusPdu.ReadRegistersResponse(FunctionCode.READ_HOLDING_REGISTERS, List.of(1000)));
    }

    @Test
    void aWriteThatCountsIsSentOnceWhenItsReplyIsLostWhereAStateWriteIsRepeated() throws Exception {
        TurnstileSimulator lane = new TurnstileSimulator();
        LineDevice line = lane.onLine(1);
        AtomicInteger replies = new AtomicInteger();
        LineDevice losesFirstReplies = (data, offset, length) -> {
            List<byte[]> out = line.receive(data, offset, length);
            if (!out.isEmpty() && replies.getAndIncrement() < 2) { // the first answer to each of the two writes
                byte[] damaged = out.get(0).clone();
                damaged[damaged.length - 1] ^= 0x5A; // the lane acted; its answer was lost to noise
                return List.of(damaged);
            }
            return out;
        };
        TcpSerialServer server = keep(TcpSerialServer.onFreeLoopbackPort(losesFirstReplies));
        ModbusClient modbus = new ModbusClient(bus(server, fast("bus-g")));

        var once = modbus.commandOnce(1, new ModbusPdu.WriteSingleCoil(TurnstileRegisterMap.COIL_OPEN_ENTRY, true)).join();
        assertThat(once).isInstanceOfSatisfying(BusOutcome.NoAnswer.class, lost -> assertThat(lost.attempts()).isEqualTo(1));
        assertThat(lane.waiting(TurnstileSimulator.Way.IN)).as("one card, one person let through").isEqualTo(1);

        var repeated = modbus.command(1, new ModbusPdu.WriteSingleCoil(TurnstileRegisterMap.COIL_OPEN_ENTRY, true)).join();
        assertThat(repeated).isInstanceOf(BusOutcome.Answered.class);
        assertThat(lane.waiting(TurnstileSimulator.Way.IN)).as("why an open is never repeated: it let two through")
                .isEqualTo(3);
    }

    @Test
    void garbageOnTheLineBeforeAReplyIsSkippedAndTheReplyTaken() throws Exception {
        PileSimulator pile = new PileSimulator(2, PileLimits.DEFAULTS);
        LineDevice line = pile.onLine(1);
        byte[] noise = {(byte) 0xFF, (byte) 0xFE, (byte) 0xF9, 0x00, 0x13, (byte) 0xFA};
        LineDevice noisy = (data, offset, length) -> {
            List<byte[]> out = new ArrayList<>();
            for (byte[] reply : line.receive(data, offset, length)) {
                byte[] withNoise = new byte[noise.length + reply.length];
                System.arraycopy(noise, 0, withNoise, 0, noise.length);
                System.arraycopy(reply, 0, withNoise, noise.length, reply.length);
                out.add(withNoise);
            }
            return out;
        };
        TcpSerialServer server = keep(TcpSerialServer.onFreeLoopbackPort(noisy));
        ModbusClient modbus = new ModbusClient(bus(server, fast("bus-f")));
        var outcome = modbus.command(1, ModbusPdu.ReadRequest.of(RegisterTable.HOLDING_REGISTER,
                PileRegisterMap.HR_OVERLOAD_W, 1)).join();
        assertThat(outcome).isInstanceOf(BusOutcome.Answered.class);
        assertThat(((BusOutcome.Answered<ModbusPdu.Response>) outcome).attempts()).isEqualTo(1);
    }

    @Test
    void aReplyLongerOnTheWireThanTheResponseTimeoutIsStillTaken() throws Exception {
        // 121 registers at 9600 baud take about 280 ms to arrive; the timeout is for the answer to start
        PileSimulator pile = new PileSimulator(10, PileLimits.DEFAULTS);
        LinePacing pacing = LinePacing.atBaud(9600);
        TcpSerialServer server = keep(new TcpSerialServer(new java.net.InetSocketAddress("127.0.0.1", 0),
                pile.onLine(1), pacing, pacing.silenceNanos(), java.util.concurrent.Executors.newSingleThreadScheduledExecutor()));
        BusSettings settings = new BusSettings("bus-g", Duration.ofMillis(100), 0, 3, Duration.ofSeconds(10),
                pacing.silenceNanos(), Duration.ofSeconds(1));
        ModbusClient modbus = new ModbusClient(bus(server, settings));
        var outcome = modbus.command(1, ModbusPdu.ReadRequest.of(RegisterTable.INPUT_REGISTER,
                PileRegisterMap.IR_PORT_BASE, 121)).join();
        assertThat(outcome).isInstanceOf(BusOutcome.Answered.class);
        assertThat(((BusOutcome.Answered<ModbusPdu.Response>) outcome).latencyNanos()).isGreaterThan(200_000_000L);
    }

    @Test
    void anUnreachableBusReportsBusDownAtOnceAndRecoversWhenTheServerReturns() throws Exception {
        PileSimulator pile = new PileSimulator(2, PileLimits.DEFAULTS);
        TcpSerialServer first = TcpSerialServer.onFreeLoopbackPort(pile.onLine(1));
        int port = first.port();
        first.close();
        BusScheduler bus = keep(new BusScheduler(fast("bus-e"), new TcpTransport("127.0.0.1", port), statuses::add));
        ModbusClient modbus = new ModbusClient(bus);
        var read = ModbusPdu.ReadRequest.of(RegisterTable.COIL, 0, 2);
        var down = modbus.command(1, read).join();
        assertThat(down).isInstanceOf(BusOutcome.BusDown.class);
        assertThat(((BusOutcome.BusDown<?>) down).reason()).contains("127.0.0.1:" + port);

        var revived = keep(new TcpSerialServer(new java.net.InetSocketAddress("127.0.0.1", port), pile.onLine(1),
                org.anju.protocol.modbus.LinePacing.unpaced(), 200_000_000L,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor()));
        assertThat(revived.port()).isEqualTo(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> modbus.command(1, read).join() instanceof BusOutcome.Answered);
    }
}
