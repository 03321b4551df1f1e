package org.anju.agent.bus;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;

/** Modbus RTU master requests on a {@link BusScheduler}: the codec on one side, the bus on the other. */
public final class ModbusClient {
    private final BusScheduler bus;

    public ModbusClient(BusScheduler bus) {
        this.bus = bus;
    }

    /** The name by which the bus tracks a unit's health. */
    public static String deviceName(int unit) {
        return "unit " + unit;
    }

    public CompletableFuture<BusOutcome<ModbusPdu.Response>> command(int unit, ModbusPdu.Request request) {
        return bus.command(request(unit, request));
    }

    /** A command sent once, never repeated when its reply is lost: for a write that counts (an open that lets one through). */
    public CompletableFuture<BusOutcome<ModbusPdu.Response>> commandOnce(int unit, ModbusPdu.Request request) {
        return bus.command(request(unit, request).once());
    }

    public AutoCloseable poll(int unit, ModbusPdu.Request request, Duration period,
                              Consumer<BusOutcome<ModbusPdu.Response>> onOutcome) {
        BusRequest<ModbusPdu.Response> r = request(unit, request);
        return bus.poll(period, () -> r, onOutcome);
    }

    public static BusRequest<ModbusPdu.Response> request(int unit, ModbusPdu.Request request) {
        byte[] frame = new RtuFrame(unit, request).encode();
        return new BusRequest<>(deviceName(unit), frame, () -> new Reply(unit, request.functionByte()), unit != 0);
    }

    /** Waits for the frame from this unit answering this function; other frames on the line are someone else's. */
    private static final class Reply implements ReplyReader<ModbusPdu.Response> {
        private final int unit;
        private final int function;
        private final RtuFrameDecoder decoder = new RtuFrameDecoder(RtuFrameDecoder.Reads.RESPONSES);

        Reply(int unit, int function) {
            this.unit = unit;
            this.function = function;
        }

        @Override
        public Progress<ModbusPdu.Response> feed(byte[] bytes, int offset, int length) {
            for (RtuEvent event : decoder.feed(bytes, offset, length)) {
                if (event instanceof RtuEvent.Frame frame && frame.unit() == unit
                        && (frame.pdu().functionByte() & 0x7F) == function
                        && frame.pdu() instanceof ModbusPdu.Response response) {
                    return new Complete<>(response);
                }
                if (event instanceof RtuEvent.CrcError crc) {
                    return new Corrupt<>("reply with bad CRC: " + crc.bytes());
                }
                if (event instanceof RtuEvent.Rejected rejected && rejected.unit() == unit) {
                    return new Corrupt<>("malformed reply: " + rejected.reason());
                }
            }
            return new Incomplete<>();
        }
    }
}
