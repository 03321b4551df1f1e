package org.anju.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RtuEvent;
import org.anju.protocol.modbus.RtuFrame;
import org.anju.protocol.modbus.RtuFrameDecoder;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A minimal Modbus RTU master for interoperability tests: the Anju codec over a serial port
 * opened with jSerialComm, one request at a time, the reply or a timeout.
 */
public final class RtuTestMaster implements AutoCloseable {
    private final SerialPort port;
    private final RtuFrameDecoder decoder = new RtuFrameDecoder(RtuFrameDecoder.Reads.RESPONSES);

    public RtuTestMaster(String device) {
        port = SerialPort.getCommPort(device);
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open " + device);
        }
    }

    /** Sends one request and returns what came back before the deadline (empty on a timeout). */
    public List<RtuEvent> request(RtuFrame frame, long timeoutMillis) {
        decoder.flush();
        byte[] bytes = frame.encode();
        port.writeBytes(bytes, bytes.length);
        List<RtuEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        byte[] buffer = new byte[256];
        while (System.nanoTime() < deadline) {
            int n = port.readBytes(buffer, buffer.length);
            if (n > 0) {
                events.addAll(decoder.feed(buffer, 0, n));
                if (events.stream().anyMatch(e -> e instanceof RtuEvent.Frame)) {
                    return events;
                }
            }
        }
        events.addAll(decoder.flush());
        return events;
    }

    /**
     * Sends {@code request} to {@code unit} until a frame comes back (at most 15 s) and returns its
     * PDU, checking it came from that unit. A pymodbus slave opens its port a moment after it says
     * it is ready, so the first requests may go unanswered.
     */
    public ModbusPdu ask(int unit, ModbusPdu.Request request) {
        ModbusPdu[] answer = new ModbusPdu[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (RtuEvent e : request(new RtuFrame(unit, request), 1000)) {
                if (e instanceof RtuEvent.Frame f) {
                    assertThat(f.unit()).as("the unit that answers").isEqualTo(unit);
                    answer[0] = f.pdu();
                    return true;
                }
            }
            return false;
        });
        return answer[0];
    }

    @Override
    public void close() {
        port.closePort();
    }
}
