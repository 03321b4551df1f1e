package org.anju.profiles.validate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.anju.profiles.Problems;
import org.anju.profiles.model.ModbusTables;
import org.anju.profiles.model.RegisterRead;
import org.anju.profiles.model.RegisterRole;
import org.anju.profiles.model.RegisterRoles;
import org.anju.profiles.model.RepeatedRegister;
import org.anju.profiles.schema.Origins;
import org.anju.profiles.schema.Scalars;
import org.anju.profiles.Location;
import org.anju.protocol.modbus.ModbusLimits;
import org.anju.protocol.modbus.RegisterSpec;
import org.anju.protocol.modbus.RegisterTable;

/**
 * Checks a register map the way a Modbus master would meet it: each read fits in one request,
 * every register is returned by some read, no two values share an address, and each role sits in
 * a table and unit the agent can use.
 */
public final class ModbusMapRules {

    /** One register of one port (port 0: not repeated), with where to point at it. */
    private record Instance(RegisterSpec spec, int index, Location at) {
        String label(String noun) {
            return index == 0 ? spec.name() : spec.name() + " of " + noun + " " + index;
        }
    }

    private ModbusMapRules() {
    }

    public static void check(ModbusLayout layout, Origins origins, Problems problems) {
        layout.fixed().forEach((role, spec) -> checkRole(layout.fixedRoles(), spec, origins, problems));
        layout.repeated().forEach((role, rep) -> checkRole(layout.repeatedRoles(), rep.first(), origins, problems));
        checkReads(layout.reads(), origins, problems);
        List<Instance> instances = new ArrayList<>();
        layout.fixed().values().forEach(s -> instances.add(new Instance(s, 0, origins.at(s, "address"))));
        for (RepeatedRegister rep : layout.repeated().values()) {
            if (rep.lastAddressOf(layout.repeatCount()) > ModbusLimits.MAX_ADDRESS) {
                problems.add(origins.at(rep, "stride"), rep.first().name() + " of " + layout.repeatNoun() + " " + layout.repeatCount()
                                + " would end at address " + Scalars.hex((int) rep.lastAddressOf(layout.repeatCount())) + ", past 0xFFFF",
                        "check address and stride");
                continue;
            }
            for (int n = 1; n <= layout.repeatCount(); n++) {
                instances.add(new Instance(rep.at(n), n, origins.at(rep, n == 1 ? "address" : "stride")));
            }
        }
        // A read that is too long still says which registers were meant: judge coverage on all reads.
        checkCoverage(instances, layout.reads(), layout.repeatNoun(), origins, problems);
        checkOverlaps(instances, layout.repeatNoun(), problems);
    }

    private static void checkRole(List<RegisterRole> roles, RegisterSpec spec, Origins origins, Problems problems) {
        RegisterRole role = RegisterRoles.find(roles, spec.name()).orElseThrow();
        if (!role.tables().contains(spec.table())) {
            List<RegisterTable> allowed = role.tables().stream().sorted().toList();
            problems.add(origins.at(spec, "function"), spec.name() + " must be "
                            + allowed.stream().map(ModbusTables::describe).collect(Collectors.joining(" or ")) + ", not "
                            + ModbusTables.describe(spec.table()),
                    "write function: " + allowed.stream().map(t -> String.valueOf(ModbusTables.function(t))).collect(Collectors.joining(" or ")));
        }
        if (!role.units().isEmpty() && !role.units().contains(spec.unit())) {
            String expected = role.units().stream().sorted().collect(Collectors.joining(" or "));
            String unit = role.units().size() == 1 ? role.units().iterator().next() : null;
            boolean kilo = unit != null && spec.unit().equals("k" + unit);
            String hint = kilo ? "write unit: " + unit + " and scale: " + Scalars.formatNumber(spec.scale() * 1000)
                    + " (a register in " + spec.unit() + " times 1000 is in " + unit + ")"
                    : "write unit: " + expected + ", with the scale that turns the raw value into it";
            problems.add(origins.at(spec, "unit"), spec.unit().isEmpty() ? spec.name() + " has no unit; the agent needs it in " + expected
                    : spec.name() + " must be in " + expected + " after scaling, not " + spec.unit(), hint);
        }
    }

    /** Reports reads that no device could answer. */
    private static void checkReads(List<RegisterRead> reads, Origins origins, Problems problems) {
        for (RegisterRead read : reads) {
            int max = read.table().maxReadQuantity();
            String items = read.table().isBit() ? "bits" : "registers";
            if (read.count() > max) {
                problems.add(origins.at(read, "count"), "count " + read.count() + " exceeds the Modbus limit of " + max + " " + items + " per read",
                        "split it into reads of at most " + max + " " + items);
            } else if (read.lastAddress() > ModbusLimits.MAX_ADDRESS) {
                problems.add(origins.at(read, "count"), "this read runs past address 0xFFFF",
                        "use a count of at most " + (ModbusLimits.MAX_ADDRESS - read.address() + 1));
            }
        }
    }

    private static void checkCoverage(List<Instance> instances, List<RegisterRead> reads, String noun, Origins origins,
                                      Problems problems) {
        Set<String> reported = new HashSet<>();
        for (Instance i : instances) {
            RegisterSpec s = i.spec();
            if (reads.stream().noneMatch(r -> r.covers(s)) && reported.add(s.name())) {
                String where = i.label(noun) + " (" + ModbusTables.name(s.table(), 1) + " " + Scalars.hex(s.address())
                        + ") is not covered by any read";
                // the same addresses read from the other table: one of the two says the wrong function (03 and 04 mixed up)
                var otherTable = reads.stream().filter(r -> r.table() != s.table() && !r.table().isBit() && !s.table().isBit()
                        && s.address() >= r.address() && s.lastAddress() <= r.lastAddress()).findFirst();
                if (otherTable.isPresent()) {
                    RegisterRead r = otherTable.get();
                    problems.add(i.at(), where, "the read at line " + origins.at(r, "address").line() + " covers "
                            + Scalars.hex(s.address()) + " with function " + ModbusTables.function(r.table())
                            + ", but this register is read with function " + ModbusTables.function(s.table())
                            + "; write the function the device answers on both");
                    continue;
                }
                problems.add(i.at(), where,
                        "add a read with function: " + ModbusTables.function(s.table()) + " that includes "
                                + Scalars.hex(s.address()) + (s.type().words() > 1 ? "-" + Scalars.hex(s.lastAddress()) : "")
                                + ", or widen one nearby");
            }
        }
    }

    private static void checkOverlaps(List<Instance> instances, String noun, Problems problems) {
        Map<RegisterTable, List<Instance>> byTable = instances.stream().collect(Collectors.groupingBy(i -> i.spec().table()));
        Set<String> reported = new HashSet<>();
        for (List<Instance> list : byTable.values()) {
            list.sort(Comparator.comparingInt((Instance i) -> i.spec().address()).thenComparingInt(Instance::index));
            Instance reach = null;
            for (Instance i : list) {
                if (reach != null && i.spec().address() <= reach.spec().lastAddress()) {
                    Instance later = laterWritten(reach, i);
                    Instance earlier = later == i ? reach : i;
                    if (reported.add(reach.spec().name() + "/" + i.spec().name())) {
                        problems.add(later.at(), later.label(noun) + " (" + ModbusTables.name(i.spec().table(), 1) + " "
                                        + Scalars.hex(later.spec().address()) + ") overlaps " + earlier.label(noun),
                                "give each value its own addresses; check address, type and stride");
                    }
                }
                if (reach == null || i.spec().lastAddress() > reach.spec().lastAddress()) {
                    reach = i;
                }
            }
        }
    }

    /** Of two overlapping values, the one written further down the file: that is where the mistake shows. */
    private static Instance laterWritten(Instance a, Instance b) {
        Location x = a.at();
        Location y = b.at();
        boolean bLater = y.line() > x.line() || (y.line() == x.line() && y.column() >= x.column());
        return bLater ? b : a;
    }
}
