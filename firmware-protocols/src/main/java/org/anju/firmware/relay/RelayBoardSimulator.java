package org.anju.firmware.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.anju.firmware.line.LineDevice;
import org.anju.firmware.modbus.ModbusSlave;
import org.anju.firmware.modbus.ModbusSlaveEndpoint;
import org.anju.protocol.modbus.ExceptionCode;
import org.anju.protocol.modbus.FunctionCode;
import org.anju.protocol.modbus.ModbusPdu;

/**
 * The firmware of a plain Modbus RTU relay board, as the shipped {@code modbus-relay-8} and
 * {@code modbus-relay-16} profiles describe it: coil n-1 is relay n, read with function 01 and
 * switched with 05. Relays start closed (the supply on), as a feeder board's do. Thread-safe.
 */
public final class RelayBoardSimulator {
    private final boolean[] closed;

    public RelayBoardSimulator(int channels) {
        if (channels < 1 || channels > 64) {
            throw new IllegalArgumentException("channels must be 1-64, not " + channels);
        }
        this.closed = new boolean[channels];
        java.util.Arrays.fill(closed, true);
    }

    /** Whether relay {@code channel} (from 1) is closed. */
    public synchronized boolean closed(int channel) {
        return closed[channel - 1];
    }

    public LineDevice onLine(int unit) {
        return new ModbusSlaveEndpoint(unit, modbus()).asLineDevice(simulated -> { });
    }

    public ModbusSlave modbus() {
        return request -> {
            synchronized (this) {
                return Optional.of(handle(request));
            }
        };
    }

    private ModbusPdu.Response handle(ModbusPdu.Request request) {
        if (request instanceof ModbusPdu.ReadRequest read && read.function() == FunctionCode.READ_COILS) {
            if (read.address() + read.quantity() > closed.length) {
                return ModbusPdu.ExceptionResponse.of(read.functionByte(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            List<Boolean> bits = new ArrayList<>();
            for (int i = 0; i < read.quantity(); i++) {
                bits.add(closed[read.address() + i]);
            }
            while (bits.size() % 8 != 0) {
                bits.add(false);
            }
            return new ModbusPdu.ReadBitsResponse(FunctionCode.READ_COILS, bits);
        }
        if (request instanceof ModbusPdu.WriteSingleCoil write) {
            if (write.address() >= closed.length) {
                return ModbusPdu.ExceptionResponse.of(write.functionByte(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            closed[write.address()] = write.on();
            return write;
        }
        return ModbusPdu.ExceptionResponse.of(request.functionByte(), ExceptionCode.ILLEGAL_FUNCTION);
    }
}
