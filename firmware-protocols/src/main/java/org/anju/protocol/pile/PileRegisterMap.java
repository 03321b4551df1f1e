package org.anju.protocol.pile;

import java.util.ArrayList;
import java.util.List;

import org.anju.protocol.modbus.DataType;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;
import org.anju.protocol.modbus.WordOrder;

/**
 * The reference pile's register map: the single source for the simulator, its protocol document
 * and its device profile (tests hold the other two to this class).
 *
 * <p>Ports are numbered from 1. Port p's relay is coil p-1 and its plug input is discrete input
 * 0x10 + p-1; its readings are a block of 16 input registers at 0x0100 + 16 x (p-1), of which
 * the first 9 are used and the rest read as 0, so one read of 125 registers covers several ports.
 */
public final class PileRegisterMap {
    public static final int MAX_PORTS = 32;

    // Discrete inputs
    public static final int DI_SMOKE = 0x0000;
    public static final int DI_OVER_TEMPERATURE = 0x0001;
    public static final int DI_PLUG_BASE = 0x0010;

    // Pile-wide input registers
    public static final int IR_TEMPERATURE = 0x0000;
    public static final int IR_FIRMWARE_VERSION = 0x0001;
    public static final int IR_PORT_COUNT = 0x0002;
    public static final int IR_ALARMS = 0x0003;
    public static final int IR_PILE_WIDE_COUNT = 4;

    // Per-port input register block
    public static final int IR_PORT_BASE = 0x0100;
    public static final int IR_PORT_STRIDE = 0x10;
    public static final int PORT_STATE = 0;
    public static final int PORT_CUT_REASON = 1;
    public static final int PORT_VOLTAGE = 2;
    public static final int PORT_CURRENT = 3;
    public static final int PORT_POWER = 4;
    public static final int PORT_ENERGY = 5;
    public static final int PORT_SESSION_SECONDS = 7;
    public static final int PORT_USED_WORDS = 9;

    // Holding registers: the gateway heartbeat and the firmware's own limits
    public static final int HR_HEARTBEAT = 0x0000;
    public static final int HR_HEARTBEAT_TIMEOUT = 0x0001;
    public static final int HR_OVERLOAD_W = 0x0002;
    public static final int HR_FULL_POWER_W = 0x0003;
    public static final int HR_FULL_SECONDS = 0x0004;
    public static final int HR_MAX_SESSION_MINUTES = 0x0005;
    public static final int HR_OVER_TEMPERATURE = 0x0006;
    public static final int HR_COUNT = 7;

    /** Bits of the alarm register. */
    public static final int ALARM_SMOKE = 1;
    public static final int ALARM_OVER_TEMPERATURE = 1 << 1;
    public static final int ALARM_WATCHDOG = 1 << 2;

    private PileRegisterMap() {
    }

    public static int relayCoil(int port) {
        return port - 1;
    }

    public static int plugInput(int port) {
        return DI_PLUG_BASE + port - 1;
    }

    public static int portBlock(int port) {
        return IR_PORT_BASE + IR_PORT_STRIDE * (port - 1);
    }

    /** Registers that describe the whole pile. */
    public static List<RegisterSpec> pileWide() {
        return List.of(
                bit("smoke", RegisterTable.DISCRETE_INPUT, DI_SMOKE, "1 while the pile's smoke detector sees smoke"),
                bit("overTemperature", RegisterTable.DISCRETE_INPUT, DI_OVER_TEMPERATURE,
                        "1 while the pile is above its over-temperature limit"),
                reg("temperature", RegisterTable.INPUT_REGISTER, IR_TEMPERATURE, DataType.S16, 0.1, "degC",
                        "temperature inside the pile"),
                reg("firmwareVersion", RegisterTable.INPUT_REGISTER, IR_FIRMWARE_VERSION, DataType.U16, 1, "",
                        "major x 256 + minor"),
                reg("portCount", RegisterTable.INPUT_REGISTER, IR_PORT_COUNT, DataType.U16, 1, "", "number of ports"),
                reg("alarms", RegisterTable.INPUT_REGISTER, IR_ALARMS, DataType.U16, 1, "",
                        "bit 0 smoke, bit 1 over-temperature, bit 2 heartbeat watchdog tripped"),
                reg("heartbeat", RegisterTable.HOLDING_REGISTER, HR_HEARTBEAT, DataType.U16, 1, "",
                        "the gateway writes any value here; the watchdog arms at the first write"),
                reg("heartbeatTimeout", RegisterTable.HOLDING_REGISTER, HR_HEARTBEAT_TIMEOUT, DataType.U16, 1, "s",
                        "every relay opens when no heartbeat came for this long; 0 turns the watchdog off"),
                reg("overloadLimit", RegisterTable.HOLDING_REGISTER, HR_OVERLOAD_W, DataType.U16, 1, "W",
                        "firmware cuts a port drawing more than this"),
                reg("fullChargePower", RegisterTable.HOLDING_REGISTER, HR_FULL_POWER_W, DataType.U16, 1, "W",
                        "below this a port counts as full"),
                reg("fullChargeTime", RegisterTable.HOLDING_REGISTER, HR_FULL_SECONDS, DataType.U16, 1, "s",
                        "a port full for this long is cut"),
                reg("maxSessionTime", RegisterTable.HOLDING_REGISTER, HR_MAX_SESSION_MINUTES, DataType.U16, 1, "min",
                        "a session longer than this is cut"),
                reg("overTemperatureLimit", RegisterTable.HOLDING_REGISTER, HR_OVER_TEMPERATURE, DataType.U16, 0.1,
                        "degC", "above this every relay opens and the alarm is raised"));
    }

    /** Registers of one port (numbered from 1). */
    public static List<RegisterSpec> port(int port) {
        if (port < 1 || port > MAX_PORTS) {
            throw new IllegalArgumentException("port must be 1-" + MAX_PORTS + ", not " + port);
        }
        int block = portBlock(port);
        List<RegisterSpec> specs = new ArrayList<>();
        specs.add(bit("relay", RegisterTable.COIL, relayCoil(port), "1 closes the relay (power on)"));
        specs.add(bit("plugged", RegisterTable.DISCRETE_INPUT, plugInput(port), "1 while a plug is in the socket"));
        specs.add(reg("state", RegisterTable.INPUT_REGISTER, block + PORT_STATE, DataType.U16, 1, "",
                "PortState code: 0 Available, 1 Preparing, 2 Charging, 3 SuspendedEV, 4 Finishing, 5 Faulted, 6 Unavailable"));
        specs.add(reg("cutReason", RegisterTable.INPUT_REGISTER, block + PORT_CUT_REASON, DataType.U16, 1, "",
                "CutReason code of the last cut: 0 none, 1 overload, 2 full, 3 max time, 4 over-temperature, "
                        + "5 smoke, 6 watchdog, 7 unplugged, 8 remote"));
        specs.add(reg("voltage", RegisterTable.INPUT_REGISTER, block + PORT_VOLTAGE, DataType.U16, 0.1, "V", "supply voltage"));
        specs.add(reg("current", RegisterTable.INPUT_REGISTER, block + PORT_CURRENT, DataType.U16, 0.01, "A", "current drawn"));
        specs.add(reg("power", RegisterTable.INPUT_REGISTER, block + PORT_POWER, DataType.U16, 1, "W", "active power"));
        specs.add(reg("energy", RegisterTable.INPUT_REGISTER, block + PORT_ENERGY, DataType.U32, 1, "Wh",
                "energy counter since the pile started; wraps at 2^32"));
        specs.add(reg("sessionTime", RegisterTable.INPUT_REGISTER, block + PORT_SESSION_SECONDS, DataType.U32, 1, "s",
                "seconds since the relay last closed"));
        return List.copyOf(specs);
    }

    private static RegisterSpec bit(String name, RegisterTable table, int address, String meaning) {
        return new RegisterSpec(name, table, address, DataType.U16, WordOrder.HIGH_FIRST, 1, "", meaning);
    }

    private static RegisterSpec reg(String name, RegisterTable table, int address, DataType type, double scale,
                                    String unit, String meaning) {
        return new RegisterSpec(name, table, address, type, WordOrder.HIGH_FIRST, scale, unit, meaning);
    }
}
