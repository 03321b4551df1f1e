package org.anju.bridge.park.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.anju.bridge.park.store.StateQueries;

import io.vertx.core.MultiMap;

/**
 * What {@code GET /api/v1/alarms} was asked for: {@code state} ({@code open}, the default, or
 * {@code all}), {@code limit} and {@code after} as {@code GET /api/v1/ports} takes them (1 to
 * {@value PortQuery#MAX_LIMIT}, {@value PortQuery#DEFAULT_LIMIT} if not given; the {@code next} of
 * the page before). Anything else is refused with what was wrong.
 */
record AlarmQuery(boolean openOnly, StateQueries.AlarmKey after, int limit) {
    sealed interface Parsed {
        record Ok(AlarmQuery query) implements Parsed {
        }

        /** Refused with a catalog code and its placeholders' names and values. */
        record Refused(int status, String code, Object... args) implements Parsed {
        }
    }

    static Parsed parse(MultiMap params) {
        String state = params.get("state");
        if (state != null && !state.equals("open") && !state.equals("all")) {
            return new Parsed.Refused(400, "console.err.stateFilter", "state", Http.abbreviated(state), "states", "all, open");
        }
        Integer limit = PortQuery.limit(params.get("limit"));
        if (limit == null) {
            return new Parsed.Refused(400, "console.err.limit", "given", Http.abbreviated(params.get("limit")), "max",
                    PortQuery.MAX_LIMIT);
        }
        StateQueries.AlarmKey after = null;
        if (params.get("after") != null) {
            after = key(params.get("after"));
            if (after == null) {
                return new Parsed.Refused(400, "console.err.alarmCursor");
            }
        }
        return new Parsed.Ok(new AlarmQuery(!"all".equals(state), after, limit));
    }

    /** Where the page after one ending at {@code last} starts, as {@code after} takes it. */
    static String cursor(StateQueries.AlarmKey last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((last.rank() + "\n" + last.raisedAt() + "\n"
                + last.gateway() + "\n" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static StateQueries.AlarmKey key(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 4);
            if (parts.length != 4 || !parts[0].matches("[0-9]") || !parts[1].matches("-?[0-9]{1,18}")
                    || !StateQueries.AlarmKey.validRank(Integer.parseInt(parts[0]))) {
                return null;
            }
            return new StateQueries.AlarmKey(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[2], parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
