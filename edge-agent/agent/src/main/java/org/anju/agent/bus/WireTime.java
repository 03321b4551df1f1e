package org.anju.agent.bus;

import java.time.Duration;
import java.util.List;

import org.anju.protocol.modbus.LinePacing;
import org.anju.profiles.model.RegisterRead;

/**
 * How long Modbus RTU reads take on the wire at a baud rate, the floor no scheduler can beat:
 * each request (8 bytes) and its reply, 11 bits a character, each followed by the 3.5-character
 * silence that ends an RTU frame.
 */
public final class WireTime {

    private WireTime() {
    }

    /** One scan of a device: every read of its profile, one after the other. */
    public static Duration ofScan(List<RegisterRead> reads, int baud) {
        long silence = LinePacing.atBaud(baud).silenceNanos();
        double seconds = 0;
        for (RegisterRead r : reads) {
            seconds += (8 + replyBytes(r)) * 11.0 / baud + 2 * silence / 1e9;
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** An RTU reply to a read: unit, function, byte count, data, CRC. */
    public static int replyBytes(RegisterRead r) {
        int data = r.table().isBit() ? (r.count() + 7) / 8 : 2 * r.count();
        return 5 + data;
    }
}
