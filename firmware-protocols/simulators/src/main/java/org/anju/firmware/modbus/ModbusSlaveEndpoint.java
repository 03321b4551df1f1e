package org.anju.firmware.modbus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.anju.firmware.line.LineDevice;
import org.anju.protocol.modbus.ModbusLimits;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.ModbusPdu.ExceptionResponse;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;

/**
 * Puts a {@link ModbusSlave} on an RTU line: frames the bytes, answers only its own unit, executes
 * broadcast writes without answering (as the serial line specification requires), answers a
 * well-framed illegal request with the matching exception, and ignores frames with a bad CRC.
 */
public final class ModbusSlaveEndpoint {
    private final IntPredicate unit;
    private final ModbusSlave slave;
    private final RtuFrameDecoder decoder = new RtuFrameDecoder(RtuFrameDecoder.Reads.REQUESTS);

    public ModbusSlaveEndpoint(int unit, ModbusSlave slave) {
        if (!ModbusLimits.isUnicastUnit(unit)) {
            throw new IllegalArgumentException("a slave unit is 1-247, not " + unit);
        }
        this.unit = u -> u == unit;
        this.slave = slave;
    }

    public synchronized List<byte[]> receive(byte[] data, int offset, int length) {
        return answerAll(decoder.feed(data, offset, length));
    }

    /** Silence ends whatever frame was held; a good frame recovered from it is still answered. */
    public synchronized List<byte[]> lineIdle() {
        return answerAll(decoder.flush());
    }

    private List<byte[]> answerAll(List<RtuEvent> events) {
        List<byte[]> replies = new ArrayList<>(1);
        for (RtuEvent event : events) {
            if (event instanceof RtuEvent.Frame frame) {
                answer(frame, replies);
            } else if (event instanceof RtuEvent.Rejected rejected && unit.test(rejected.unit())) {
                var reply = ExceptionResponse.of(rejected.function(), rejected.answer());
                replies.add(new RtuFrame(rejected.unit(), reply).encode());
            }
        }
        return replies;
    }

    private void answer(RtuEvent.Frame frame, List<byte[]> replies) {
        if (!(frame.pdu() instanceof ModbusPdu.Request request)) {
            return;
        }
        boolean broadcast = frame.unit() == ModbusLimits.BROADCAST_UNIT;
        if (!broadcast && !unit.test(frame.unit())) {
            return;
        }
        if (broadcast && request instanceof ModbusPdu.ReadRequest) {
            return;
        }
        var response = slave.handle(request);
        if (!broadcast) {
            response.ifPresent(r -> replies.add(new RtuFrame(frame.unit(), r).encode()));
        }
    }

    /** Adapts the endpoint to a line, with simulated time going to {@code clock}. */
    public LineDevice asLineDevice(java.util.function.Consumer<java.time.Duration> clock) {
        ModbusSlaveEndpoint self = this;
        return new LineDevice() {
            @Override
            public List<byte[]> receive(byte[] data, int offset, int length) {
                return self.receive(data, offset, length);
            }

            @Override
            public List<byte[]> lineIdle() {
                return self.lineIdle();
            }

            @Override
            public void advance(java.time.Duration simulated) {
                clock.accept(simulated);
            }
        };
    }
}
