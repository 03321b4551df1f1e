package org.anju.bridge.contract;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The park's word that it has stored a gateway's events, sent on the gateway's command topic
 * after the store committed, signed with the park's command key ({@link SignedJson#RECEIPT}). An
 * outbox row counts as delivered only once a receipt names its {@code seq}: the broker's PUBACK
 * says only that the broker took it.
 *
 * @param upTo     every seq from 1 to this one is stored (0: not yet known)
 * @param ranges   seqs above {@code upTo} this receipt confirms, as {@code [from, to]} pairs, ascending
 *                 and apart; a receipt confirms what it names, earlier receipts stay true
 * @param issuedAt park clock, epoch milliseconds
 * @param keyId    the park key that signed it (one of the gateway's {@code park.commandKeys})
 * @param resendAlarms the park has just begun to listen to this gateway (its live subscription
 *                 started, or the gateway's birth reached it): send again now every alarm it has not
 *                 confirmed, rather than when the next resend falls due, because a copy the broker
 *                 took before may be queued for the park behind a backlog. Written only when true
 *                 (null otherwise, so a receipt without it, an older park's, reads as before); an
 *                 older gateway ignores it and keeps its own resend times.
 */
@JsonPropertyOrder({"v", "kind", "park", "gateway", "upTo", "ranges", "issuedAt", "keyId", "resendAlarms"})
public record DeliveryReceipt(int v, String kind, String park, String gateway, long upTo, List<Range> ranges,
                              long issuedAt, String keyId,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Boolean resendAlarms) {
    /** The {@code kind} that tells a receipt from a command on the command topic. */
    public static final String KIND = "delivery.receipt";
    public static final int MAX_RANGES = 2_000;

    /** Stored seqs {@code from..to}, both included; written as a two-number array. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"from", "to"})
    public record Range(long from, long to) {
        public Range {
            if (from < 1 || to < from) {
                throw new IllegalArgumentException("a range is [from, to] with 1 <= from <= to, not [" + from + ", " + to + "]");
            }
        }
    }

    public DeliveryReceipt {
        if (v != Contract.VERSION) {
            throw new IllegalArgumentException("contract version " + v + " is not " + Contract.VERSION);
        }
        if (!KIND.equals(kind)) {
            throw new IllegalArgumentException("a receipt's kind is " + KIND);
        }
        Contract.requireId("park", park);
        Contract.requireId("gateway", gateway);
        Contract.requireId("keyId", keyId);
        if (upTo < 0) {
            throw new IllegalArgumentException("upTo must not be negative");
        }
        ranges = List.copyOf(Objects.requireNonNull(ranges, "ranges"));
        resendAlarms = Boolean.TRUE.equals(resendAlarms) ? Boolean.TRUE : null;
        if (ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("at most " + MAX_RANGES + " ranges in a receipt");
        }
        long previous = upTo;
        boolean first = true;
        for (Range r : ranges) {
            if (first ? r.from() <= upTo : r.from() <= previous + 1) {
                throw new IllegalArgumentException("ranges lie above upTo, ascending and apart");
            }
            previous = r.to();
            first = false;
        }
    }

    public static DeliveryReceipt of(Topics gateway, long upTo, List<Range> ranges, long issuedAt, String keyId) {
        return new DeliveryReceipt(Contract.VERSION, KIND, gateway.park(), gateway.gateway(), upTo, ranges, issuedAt, keyId, null);
    }

    /** This receipt, also asking the gateway to send its unconfirmed alarms again now. */
    public DeliveryReceipt askingForAlarms() {
        return new DeliveryReceipt(v, kind, park, gateway, upTo, ranges, issuedAt, keyId, true);
    }

    /** Whether the park asks for the gateway's unconfirmed alarms now (see {@code resendAlarms}). */
    public boolean asksForAlarms() {
        return resendAlarms != null;
    }

    /** Whether this receipt says {@code seq} is stored. */
    public boolean confirms(long seq) {
        if (seq <= upTo) {
            return true;
        }
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = ranges.get(mid);
            if (seq < r.from()) {
                hi = mid - 1;
            } else if (seq > r.to()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Ascending seqs as the fewest ranges, each above {@code upTo}. */
    public static List<Range> rangesOf(List<Long> ascending, long upTo) {
        java.util.ArrayList<Range> out = new java.util.ArrayList<>();
        long from = -1;
        long to = -1;
        for (long s : ascending) {
            if (s <= upTo || s <= to) {
                continue;
            }
            if (from > 0 && s == to + 1) {
                to = s;
            } else {
                if (from > 0) {
                    out.add(new Range(from, to));
                }
                from = s;
                to = s;
            }
        }
        if (from > 0) {
            out.add(new Range(from, to));
        }
        return out;
    }
}
