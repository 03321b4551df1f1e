package org.anju.bridge.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The retained message on a gateway's state topic: a {@link Birth} published on every connect, a
 * {@link Death} left with the broker as the connection's will (or published on an orderly stop).
 *
 * <p>{@code session} grows with every connection attempt and survives restarts, so of two state
 * messages the one with the higher session is the newer: a death whose session is below the
 * latest birth's is stale (the broker noticed an old connection late) and must be ignored.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GatewayState.Birth.class, name = "birth"),
    @JsonSubTypes.Type(value = GatewayState.Death.class, name = "death")})
public sealed interface GatewayState permits GatewayState.Birth, GatewayState.Death {
    int v();

    String park();

    String gateway();

    long session();

    /**
     * The gateway is connected.
     *
     * @param ts            gateway wall clock at connect, epoch milliseconds
     * @param software      the agent's version
     * @param rosterVersion the roster version the gateway holds (0: none); the park answers a lower
     *                      version than its own with the missing deltas or a snapshot
     * @param config        the configuration the gateway runs: {@code sha256:} and the hex SHA-256 of its site
     *                      file's text ({@link GatewayStatus#CONFIG_PATTERN}); absent from gateways that do not say
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"kind", "v", "park", "gateway", "session", "ts", "software", "rosterVersion", "config"})
    record Birth(int v, String park, String gateway, long session, long ts, String software, long rosterVersion,
                 String config) implements GatewayState {
        public Birth {
            check(v, park, gateway, session);
            if (software == null || software.isBlank() || software.length() > 64) {
                throw new IllegalArgumentException("software must be a version string of at most 64 characters");
            }
            if (rosterVersion < 0) {
                throw new IllegalArgumentException("rosterVersion must not be negative");
            }
            GatewayStatus.requireConfig(config);
        }

        /** A birth that does not say which configuration the gateway runs. */
        public Birth(int v, String park, String gateway, long session, long ts, String software, long rosterVersion) {
            this(v, park, gateway, session, ts, software, rosterVersion, null);
        }

        public static Birth of(Topics topics, long session, long ts, String software, long rosterVersion) {
            return of(topics, session, ts, software, rosterVersion, null);
        }

        public static Birth of(Topics topics, long session, long ts, String software, long rosterVersion, String config) {
            return new Birth(Contract.VERSION, topics.park(), topics.gateway(), session, ts, software, rosterVersion,
                    config);
        }
    }

    /** The gateway is gone: its connection broke ({@code LOST}, the will) or it stopped ({@code SHUTDOWN}). */
    @JsonPropertyOrder({"kind", "v", "park", "gateway", "session", "cause"})
    record Death(int v, String park, String gateway, long session, Cause cause) implements GatewayState {
        public Death {
            check(v, park, gateway, session);
            if (cause == null) {
                throw new IllegalArgumentException("a death needs a cause");
            }
        }

        public static Death of(Topics topics, long session, Cause cause) {
            return new Death(Contract.VERSION, topics.park(), topics.gateway(), session, cause);
        }
    }

    enum Cause {
        /** The broker lost the connection (the will): power cut, network gone, process killed. */
        LOST,
        /** The gateway disconnected on purpose. */
        SHUTDOWN
    }

    private static void check(int v, String park, String gateway, long session) {
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
        if (session < 1) {
            throw new IllegalArgumentException("session must be positive, not " + session);
        }
    }
}
