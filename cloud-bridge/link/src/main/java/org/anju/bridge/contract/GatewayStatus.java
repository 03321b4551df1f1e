package org.anju.bridge.contract;

import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How a gateway is, for the park's fleet view: published on {@code .../status} shortly after each connect, every
 * {@code periodSeconds} and when a bus or a device goes down or comes back, retained and expiring
 * after {@link #expirySeconds(int)} so a dead gateway's status is never shown as fresh.
 *
 * <p>Everything that says "since" is a duration on the gateway's own clock ({@code uptimeSeconds},
 * {@code oldestAgeSeconds}, {@code downSeconds}, {@code offlineSeconds}), not a time: the park
 * subtracts it from when the status arrived, so a gateway whose wall clock is wrong still reports
 * right. Of two statuses the newer has the higher {@code session}, then the higher {@code report}
 * (counted from 1 on each connection); the same one again (the retained copy on a new subscription)
 * is not news.
 *
 * @param session       the connection's session, as in its birth
 * @param report        this status's number within the session, from 1
 * @param sentAt        the gateway's wall clock when it was sent, epoch ms (for people, not for judging age)
 * @param periodSeconds how often the gateway sends one when nothing changes: the park calls it stale after
 *                      two and a half of these without one
 * @param software      the agent's version
 * @param config        the configuration it runs: {@code sha256:} and the hex SHA-256 of its site file's text;
 *                      null when the gateway cannot say
 * @param uptimeSeconds how long the agent has been running
 * @param outbox        what waits in its outbox for the park's confirmation
 * @param buses         each bus of its site: up, or down for how long and why
 * @param devices       how many devices its buses have and which of them do not answer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"v", "park", "gateway", "session", "report", "sentAt", "periodSeconds", "software", "config",
        "uptimeSeconds", "outbox", "buses", "devices"})
public record GatewayStatus(int v, String park, String gateway, long session, long report, long sentAt, int periodSeconds,
                            String software, String config, long uptimeSeconds, Outbox outbox, List<Bus> buses,
                            Devices devices) {
    /** What {@code config} looks like. */
    public static final Pattern CONFIG_PATTERN = Pattern.compile("sha256:[0-9a-f]{64}");
    /** The longest a gateway may leave between statuses, and the most buses and offline devices one names. */
    public static final int MAX_PERIOD_SECONDS = 3600;
    public static final int MAX_BUSES = 64;
    public static final int MAX_OFFLINE = 256;
    /** A reason longer than this is cut: it is for a person, not a log. */
    static final int MAX_DETAIL = 200;

    /**
     * Events in the outbox the park has not confirmed: unsent, or sent and not confirmed yet.
     *
     * @param waiting          how many
     * @param oldestAgeSeconds how long ago the oldest of them happened (0 when none wait)
     */
    public record Outbox(long waiting, long oldestAgeSeconds) {
        public Outbox {
            if (waiting < 0 || oldestAgeSeconds < 0) {
                throw new IllegalArgumentException("outbox figures must not be negative");
            }
        }
    }

    /** A bus of the site: {@code up}, or down for {@code downSeconds} because of {@code detail}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "up", "downSeconds", "detail"})
    public record Bus(String id, boolean up, Long downSeconds, String detail) {
        public Bus {
            Contract.requireId("bus", id);
            if (!up && (downSeconds == null || downSeconds < 0)) {
                throw new IllegalArgumentException("a bus that is down says for how long");
            }
            if (up) {
                downSeconds = null;
                detail = null;
            }
            detail = cut(detail);
        }

        public static Bus up(String id) {
            return new Bus(id, true, null, null);
        }
    }

    /** A device that does not answer, on which bus, for how long and why. */
    @JsonPropertyOrder({"id", "bus", "offlineSeconds", "detail"})
    public record Offline(String id, String bus, long offlineSeconds, String detail) {
        public Offline {
            Contract.requireId("device", id);
            Contract.requireId("bus", bus);
            if (offlineSeconds < 0) {
                throw new IllegalArgumentException("offlineSeconds must not be negative");
            }
            detail = cut(detail == null ? "" : detail);
        }
    }

    /** {@code count} devices on the site's buses; {@code offline}, those that do not answer. */
    public record Devices(int count, List<Offline> offline) {
        public Devices {
            offline = List.copyOf(offline);
            if (count < 0 || offline.size() > count || offline.size() > MAX_OFFLINE) {
                throw new IllegalArgumentException("devices: " + offline.size() + " offline of " + count
                        + " (at most " + MAX_OFFLINE + " named)");
            }
        }
    }

    /** What the gateway knows of itself; the uplink adds who, when and which report. */
    public record Figures(String config, long uptimeSeconds, Outbox outbox, List<Bus> buses, Devices devices) {
    }

    public GatewayStatus {
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
        if (session < 1 || report < 1) {
            throw new IllegalArgumentException("session and report count from 1");
        }
        if (periodSeconds < 1 || periodSeconds > MAX_PERIOD_SECONDS) {
            throw new IllegalArgumentException("periodSeconds must be 1 to " + MAX_PERIOD_SECONDS + ", not " + periodSeconds);
        }
        if (software == null || software.isBlank() || software.length() > 64) {
            throw new IllegalArgumentException("software must be a version string of at most 64 characters");
        }
        requireConfig(config);
        if (uptimeSeconds < 0) {
            throw new IllegalArgumentException("uptimeSeconds must not be negative");
        }
        if (outbox == null || buses == null || devices == null) {
            throw new IllegalArgumentException("a status has its outbox, buses and devices");
        }
        buses = List.copyOf(buses);
        if (buses.size() > MAX_BUSES) {
            throw new IllegalArgumentException("at most " + MAX_BUSES + " buses");
        }
    }

    public static GatewayStatus of(Topics topics, long session, long report, long sentAt, int periodSeconds,
                                   String software, Figures figures) {
        return new GatewayStatus(Contract.VERSION, topics.park(), topics.gateway(), session, report, sentAt, periodSeconds,
                software, figures.config(), figures.uptimeSeconds(), figures.outbox(), figures.buses(), figures.devices());
    }

    /**
     * How long the broker keeps a status for a subscriber that is away, and as the retained one: two
     * and a half periods, when the park calls a gateway without a newer one stale.
     */
    public static long expirySeconds(int periodSeconds) {
        return (periodSeconds * 5L + 1) / 2;
    }

    /** Null, or a configuration version as {@link #CONFIG_PATTERN} says; else throws. */
    static String requireConfig(String config) {
        if (config != null && !CONFIG_PATTERN.matcher(config).matches()) {
            throw new IllegalArgumentException("config must be sha256: and 64 lower-case hex digits, not "
                    + Contract.quote(config));
        }
        return config;
    }

    private static String cut(String detail) {
        return detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "…" : detail;
    }
}
