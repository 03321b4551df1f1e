package org.anju.profiles.reading;

import java.util.List;
import java.util.function.Function;

import org.anju.profiles.model.RegisterRead;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterWords;

/** One poll of a profile's reads, the way the gateway's scanner polls: every read sent, every reply kept by address. */
final class ProfilePoll {

    private ProfilePoll() {
    }

    /** Sends each read with {@code ask} (a master on a line or a pty) and collects the replies; an exception reply fails the test. */
    static RegisterWords poll(List<RegisterRead> reads, Function<ModbusPdu.ReadRequest, ModbusPdu> ask) {
        RegisterWords.Builder words = RegisterWords.builder();
        for (RegisterRead read : reads) {
            ModbusPdu reply = ask.apply(ModbusPdu.ReadRequest.of(read.table(), read.address(), read.count()));
            if (reply instanceof ModbusPdu.ReadRegistersResponse registers) {
                words.put(read.table(), read.address(), registers.registers());
            } else if (reply instanceof ModbusPdu.ReadBitsResponse bits) {
                words.putBits(read.table(), read.address(), bits.first(read.count()));
            } else {
                throw new AssertionError("the device refused its profile's read " + read + ": " + reply);
            }
        }
        return words.build();
    }
}
