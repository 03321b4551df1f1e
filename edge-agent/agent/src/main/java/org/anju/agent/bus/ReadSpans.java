package org.anju.agent.bus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anju.profiles.model.RegisterRead;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * The reads that fetch some registers of a device again, asking nothing it does not answer in its
 * scans: per read of its profile, the span from the first needed word to the last. A read-back
 * after a command uses it, so a device that refuses a read outside its profile's is never asked one.
 */
public final class ReadSpans {

    private ReadSpans() {
    }

    /** The smallest spans of {@code reads} that hold every one of {@code specs} a read of them covers. */
    public static List<DeviceScanner.Read> covering(List<RegisterSpec> specs, List<RegisterRead> reads) {
        Map<RegisterRead, int[]> spans = new LinkedHashMap<>();
        for (RegisterSpec spec : specs) {
            Optional<RegisterRead> read = reads.stream().filter(r -> r.covers(spec)).findFirst();
            if (read.isPresent()) {
                int[] span = spans.computeIfAbsent(read.get(), r -> new int[] {Integer.MAX_VALUE, -1});
                span[0] = Math.min(span[0], spec.address());
                span[1] = Math.max(span[1], spec.lastAddress());
            }
        }
        List<DeviceScanner.Read> plan = new ArrayList<>();
        spans.forEach((read, span) -> plan.add(new DeviceScanner.Read(read.table(), span[0], span[1] - span[0] + 1)));
        return plan;
    }
}
