package org.anju.bridge.park.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The last-known state of the park's charging ports, alarms, buildings' occupancy and lifts, for the fire safety console. */
public final class StateQueries {
    private final ParkDatabase db;

    public StateQueries(ParkDatabase db) {
        this.db = db;
    }

    /** {@code temperatureC} null: the pile reports none; {@code heldFor} null: nothing holds the port off. */
    public record Port(String gateway, boolean gatewayOnline, String pile, int port, String state, int powerW,
                       long energyWh, double voltageV, double currentA, long sessionSeconds, long ts, Double temperatureC,
                       String heldFor, Long heldSince, String heldBy) {
    }

    public record Alarm(String gateway, String id, String kind, String severity, String source, String detail,
                        String state, long raisedAt, String acknowledgedBy, String payload) {
    }

    /** A building's count; {@code roll} (JSON, the renters inside) only while its gateway says a fire is on. */
    public record Occupancy(String gateway, String building, int inside, int unidentified, boolean fire, String roll, long ts) {
    }

    /** A lift's fire release as last reported: released, input-cleared or restored. */
    public record LiftState(String gateway, String lift, String state, long ts) {
    }

    public CompletableFuture<List<Occupancy>> occupancy() {
        return db.read(c -> {
            List<Occupancy> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gateway, building, inside, unidentified, fire, roll, ts"
                    + " FROM occupancy ORDER BY gateway, building");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Occupancy(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5) == 1,
                            rs.getString(6), rs.getLong(7)));
                }
            }
            return out;
        });
    }

    public CompletableFuture<List<LiftState>> lifts() {
        return db.read(c -> {
            List<LiftState> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gateway, lift, state, ts FROM lift_state ORDER BY gateway, lift");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LiftState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /**
     * Which ports: of one gateway, of some piles, in one state; each empty for any.
     */
    public record PortFilter(Optional<String> gateway, List<String> piles, Optional<String> state) {
        public static final PortFilter ALL = new PortFilter(Optional.empty(), List.of(), Optional.empty());
    }

    /** Where a page ends: the last port it holds, in the order pages go (gateway, pile, port). */
    public record PortKey(String gateway, String pile, int port) {
    }

    /** One page of ports, how many match in all, and whether more follow. */
    public record PortPage(List<Port> ports, long total, boolean more) {
    }

    /** Every port of the park, in (gateway, pile, port) order. */
    public CompletableFuture<List<Port>> ports() {
        return ports(PortFilter.ALL);
    }

    /** Every port that matches, in (gateway, pile, port) order. */
    public CompletableFuture<List<Port>> ports(PortFilter filter) {
        return page(filter, null, Integer.MAX_VALUE - 1).thenApply(PortPage::ports);
    }

    /** Up to {@code limit} ports that match, after {@code after} (null: from the first). */
    public CompletableFuture<PortPage> page(PortFilter filter, PortKey after, int limit) {
        return db.read(c -> {
            List<Object> args = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            filter.gateway().ifPresent(g -> {
                where.append(" AND p.gateway = ?");
                args.add(g);
            });
            if (!filter.piles().isEmpty()) {
                where.append(" AND p.pile IN (").append(String.join(", ", java.util.Collections.nCopies(filter.piles().size(), "?")))
                        .append(')');
                args.addAll(filter.piles());
            }
            filter.state().ifPresent(st -> {
                where.append(" AND p.state = ?");
                args.add(st);
            });
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM port_state p" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            if (after != null) {
                where.append(" AND (p.gateway > ? OR p.gateway = ? AND (p.pile > ? OR p.pile = ? AND p.port > ?))");
                args.addAll(List.of(after.gateway(), after.gateway(), after.pile(), after.pile(), after.port()));
            }
            long fetch = Math.min((long) limit + 1, Integer.MAX_VALUE);
            List<Port> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.gateway, COALESCE(g.online, 0), p.pile, p.port, p.state,"
                    + " p.power_w, p.energy_wh, p.voltage_v, p.current_a, p.session_s, p.ts, p.temperature_c, p.held_for,"
                    + " p.held_since, p.held_by FROM port_state p"
                    + " LEFT JOIN gateway g ON g.id = p.gateway" + where + " ORDER BY p.gateway, p.pile, p.port LIMIT " + fetch)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Port(rs.getString(1), rs.getInt(2) == 1, rs.getString(3), rs.getInt(4), rs.getString(5),
                                rs.getInt(6), rs.getLong(7), rs.getDouble(8), rs.getDouble(9), rs.getLong(10), rs.getLong(11),
                                rs.getObject(12) == null ? null : rs.getDouble(12), rs.getString(13),
                                rs.getObject(14) == null ? null : rs.getLong(14), rs.getString(15)));
                    }
                }
            }
            boolean more = out.size() > limit;
            return new PortPage(more ? out.subList(0, limit) : out, total, more);
        });
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws java.sql.SQLException {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                ps.setString(i + 1, (String) args.get(i));
            }
        }
    }

    /** One pile's ports at a glance: how many, charging, held off, faulted, and its last temperature (null: none). */
    public record PileSummary(String gateway, String pile, int ports, int charging, int held, int faulted,
                              Double temperatureC) {
    }

    /** Every pile's summary, in (gateway, pile) order: one grouped query, whatever the park's size. */
    public CompletableFuture<List<PileSummary>> pileSummaries() {
        return db.read(c -> {
            List<PileSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT gateway, pile, COUNT(*),"
                    + " SUM(CASE WHEN state = 'Charging' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN held_for IS NOT NULL THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state = 'Faulted' THEN 1 ELSE 0 END), MAX(temperature_c)"
                    + " FROM port_state GROUP BY gateway, pile ORDER BY gateway, pile");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PileSummary(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getObject(7) == null ? null : rs.getDouble(7)));
                }
            }
            return out;
        });
    }

    /** Severities in the order alarms are shown; any other comes after them. */
    private static final List<String> SEVERITY_ORDER = List.of("FIRE", "CRITICAL", "MAJOR");
    private static final String RANK = "CASE severity " + String.join(" ", java.util.stream.IntStream
            .range(0, SEVERITY_ORDER.size()).mapToObj(i -> "WHEN '" + SEVERITY_ORDER.get(i) + "' THEN " + i).toList())
            + " ELSE " + SEVERITY_ORDER.size() + " END";
    private static final String ALARM_COLUMNS = "SELECT gateway, alarm_id, kind, severity, source, detail, state,"
            + " raised_at, acknowledged_by, payload FROM alarm";
    /** The most severe first, then the newest; gateway and id make the order total, for pages. */
    private static final String ALARM_ORDER = " ORDER BY " + RANK + ", raised_at DESC, gateway, alarm_id";

    /** Alarms, the open ones (raised or acknowledged, not cleared) or all; the most severe and newest first. */
    public CompletableFuture<List<Alarm>> alarms(boolean openOnly) {
        // no count and no page: the overview asks for every open alarm on each request
        return db.read(c -> alarms(c, openOnly ? " WHERE state <> 'CLEARED'" : "", List.of(), Integer.MAX_VALUE));
    }

    /** Where a page of alarms ends: its last alarm's place in their order. */
    public record AlarmKey(int rank, long raisedAt, String gateway, String id) {
        /** The place of {@code alarm}. */
        public static AlarmKey of(Alarm alarm) {
            int rank = SEVERITY_ORDER.indexOf(alarm.severity());
            return new AlarmKey(rank < 0 ? SEVERITY_ORDER.size() : rank, alarm.raisedAt(), alarm.gateway(), alarm.id());
        }

        /** Whether {@code rank} is one a key can have. */
        public static boolean validRank(int rank) {
            return rank >= 0 && rank <= SEVERITY_ORDER.size();
        }
    }

    /** One page of alarms, how many match in all, and whether more follow. */
    public record AlarmPage(List<Alarm> alarms, long total, boolean more) {
    }

    /** Up to {@code limit} alarms, open ones or all, after {@code after} (null: from the first), in {@link #alarms} order. */
    public CompletableFuture<AlarmPage> alarmPage(boolean openOnly, AlarmKey after, int limit) {
        return db.read(c -> {
            String where = openOnly ? " WHERE state <> 'CLEARED'" : " WHERE 1 = 1";
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alarm" + where);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Object> args = new ArrayList<>();
            if (after != null) {
                where += " AND (" + RANK + " > ? OR " + RANK + " = ? AND (raised_at < ? OR raised_at = ?"
                        + " AND (gateway > ? OR gateway = ? AND alarm_id > ?)))";
                args.addAll(List.of(after.rank(), after.rank(), after.raisedAt(), after.raisedAt(), after.gateway(),
                        after.gateway(), after.id()));
            }
            List<Alarm> out = alarms(c, where, args, Math.min((long) limit + 1, Integer.MAX_VALUE));
            boolean more = out.size() > limit;
            return new AlarmPage(more ? out.subList(0, limit) : out, total, more);
        });
    }

    /** One alarm of a gateway, by its id, if the park has heard of it. */
    public CompletableFuture<Optional<Alarm>> alarm(String gateway, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ALARM_COLUMNS + " WHERE gateway = ? AND alarm_id = ?")) {
                ps.setString(1, gateway);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(alarm(rs)) : Optional.<Alarm>empty();
                }
            }
        });
    }

    /** The alarms {@code where} (its parameters {@code args}) selects, in their order, at most {@code most}. */
    private static List<Alarm> alarms(java.sql.Connection c, String where, List<Object> args, long most)
            throws java.sql.SQLException {
        List<Alarm> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ALARM_COLUMNS + where + ALARM_ORDER
                + (most < Integer.MAX_VALUE ? " LIMIT " + most : ""))) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(alarm(rs));
                }
            }
        }
        return out;
    }

    private static Alarm alarm(ResultSet rs) throws java.sql.SQLException {
        return new Alarm(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10));
    }
}
