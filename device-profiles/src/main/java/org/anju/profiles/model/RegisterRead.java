package org.anju.profiles.model;

import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;

/** One read request the agent sends in every poll: {@code count} items of {@code table} from {@code address}. */
public record RegisterRead(RegisterTable table, int address, int count) {

    public long lastAddress() {
        return (long) address + count - 1;
    }

    /** True when this read returns every word of {@code spec}. */
    public boolean covers(RegisterSpec spec) {
        return spec.table() == table && spec.address() >= address && spec.lastAddress() <= lastAddress();
    }
}
