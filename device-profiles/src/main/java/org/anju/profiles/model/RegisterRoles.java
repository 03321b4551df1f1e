package org.anju.profiles.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.anju.protocol.modbus.RegisterTable;

/**
 * The registers the agent knows how to use, per place in a profile. Units are fixed for the
 * values safety rules compare (power in W, energy in Wh, ...), so a meter that reports kW is
 * described with a scale of 1000 instead of a rule that has to know about kilowatts.
 */
public final class RegisterRoles {
    private static final Set<RegisterTable> COIL = Set.of(RegisterTable.COIL);
    private static final Set<RegisterTable> BIT_OR_REGISTER = Set.of(RegisterTable.DISCRETE_INPUT, RegisterTable.COIL,
            RegisterTable.INPUT_REGISTER, RegisterTable.HOLDING_REGISTER);
    private static final Set<RegisterTable> REGISTER = Set.of(RegisterTable.INPUT_REGISTER, RegisterTable.HOLDING_REGISTER);
    private static final Set<RegisterTable> HOLDING = Set.of(RegisterTable.HOLDING_REGISTER);
    private static final Set<String> ANY = Set.of();
    private static final Set<String> TIME = Set.of("s", "min", "h");

    /** Registers every port of a charging pile has. */
    public static final List<RegisterRole> PILE_PORT = List.of(
            new RegisterRole("relay", COIL, ANY, true, "the port's relay: 1 closes it (power on)"),
            new RegisterRole("plugged", BIT_OR_REGISTER, ANY, false, "1 while a plug is in the socket"),
            new RegisterRole("state", REGISTER, ANY, false, "the port's state code"),
            new RegisterRole("cutReason", REGISTER, ANY, false, "why the firmware last opened the relay"),
            new RegisterRole("voltage", REGISTER, Set.of("V"), false, "supply voltage, in V after scaling"),
            new RegisterRole("current", REGISTER, Set.of("A"), false, "current drawn, in A after scaling"),
            new RegisterRole("power", REGISTER, Set.of("W"), true, "active power, in W after scaling"),
            new RegisterRole("energy", REGISTER, Set.of("Wh"), true, "energy counter, in Wh after scaling"),
            new RegisterRole("sessionTime", REGISTER, TIME, false, "time since the relay last closed"));

    /** Registers of a whole charging pile. */
    public static final List<RegisterRole> PILE_WIDE = List.of(
            new RegisterRole("smoke", BIT_OR_REGISTER, ANY, false, "1 while the pile's own smoke detector sees smoke"),
            new RegisterRole("overTemperature", BIT_OR_REGISTER, ANY, false, "1 while the pile is above its over-temperature limit"),
            new RegisterRole("temperature", REGISTER, Set.of("degC"), false, "temperature inside the pile, in degC after scaling"),
            new RegisterRole("firmwareVersion", REGISTER, ANY, false, "firmware version"),
            new RegisterRole("portCount", REGISTER, ANY, false, "number of ports the firmware reports"),
            new RegisterRole("alarms", REGISTER, ANY, false, "alarm bits"),
            new RegisterRole("heartbeat", HOLDING, ANY, false, "the gateway writes here to keep the firmware's watchdog from cutting every port"),
            new RegisterRole("heartbeatTimeout", HOLDING, TIME, false, "the firmware's watchdog time"),
            new RegisterRole("overloadLimit", HOLDING, Set.of("W"), false, "the firmware's overload limit"),
            new RegisterRole("fullChargePower", HOLDING, Set.of("W"), false, "the firmware's full-charge power"),
            new RegisterRole("fullChargeTime", HOLDING, TIME, false, "the firmware's full-charge time"),
            new RegisterRole("maxSessionTime", HOLDING, TIME, false, "the firmware's maximum session"),
            new RegisterRole("overTemperatureLimit", HOLDING, Set.of("degC"), false, "the firmware's over-temperature limit"));

    /** Registers of a single-circuit energy meter that meters one charging port. */
    public static final List<RegisterRole> METER = List.of(
            new RegisterRole("voltage", REGISTER, Set.of("V"), false, "voltage, in V after scaling"),
            new RegisterRole("current", REGISTER, Set.of("A"), false, "current, in A after scaling"),
            new RegisterRole("power", REGISTER, Set.of("W"), true, "active power, in W after scaling"),
            new RegisterRole("energy", REGISTER, Set.of("Wh"), true, "energy delivered to the port, in Wh after scaling"),
            new RegisterRole("reactivePower", REGISTER, Set.of("var"), false, "reactive power, in var after scaling"),
            new RegisterRole("powerFactor", REGISTER, ANY, false, "power factor, 0 to 1"),
            new RegisterRole("frequency", REGISTER, Set.of("Hz"), false, "mains frequency, in Hz after scaling"));

    /** Registers of a whole relay board. */
    public static final List<RegisterRole> RELAY_BOARD_WIDE = List.of(
            new RegisterRole("temperature", REGISTER, Set.of("degC"), false,
                    "temperature inside the cabinet the board switches sockets in, in degC after scaling"));

    /** Registers every channel of a relay board has. */
    public static final List<RegisterRole> RELAY_CHANNEL = List.of(
            new RegisterRole("relay", COIL, ANY, true, "the channel's relay: 1 closes it (power on)"));

    /** Registers of a turnstile lane: its open and free outputs and its passage counters. */
    public static final List<RegisterRole> TURNSTILE = List.of(
            new RegisterRole("openEntry", COIL, ANY, true, "writing 1 lets one person pass in"),
            new RegisterRole("openExit", COIL, ANY, true, "writing 1 lets one person pass out"),
            new RegisterRole("free", COIL, ANY, false, "1 holds both directions free (fire); without it the lane's own fire input must free it"),
            new RegisterRole("entries", REGISTER, ANY, true, "people counted passing in, a 16-bit counter"),
            new RegisterRole("exits", REGISTER, ANY, true, "people counted passing out, a 16-bit counter"));

    private RegisterRoles() {
    }

    public static Optional<RegisterRole> find(List<RegisterRole> roles, String key) {
        return roles.stream().filter(r -> r.key().equals(key)).findFirst();
    }
}
