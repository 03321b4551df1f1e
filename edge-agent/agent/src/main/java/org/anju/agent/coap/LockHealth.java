package org.anju.agent.coap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for wireless locks, as readings in and notices out, at whatever clock the caller
 * reads: a lock not heard from for its profile's {@code offlineAfter} goes offline (once), and is
 * online again at its next report; a battery at or under the profile's {@code batteryLow} raises
 * one maintenance notice, cleared when a reading is {@value #RECOVERY_MARGIN} points above it
 * (a battery's reading wanders with the temperature, and one notice per cold night is noise).
 * A lock not heard from since the gateway started counts from the start.
 */
public final class LockHealth {
    static final int RECOVERY_MARGIN = 5;

    private static final class Watched {
        final String door;
        final Duration offlineAfter;
        final Duration reportInterval;
        final int batteryLow;
        Instant lastHeard;
        boolean online = true;
        boolean batteryIsLow;

        Watched(String door, Duration offlineAfter, Duration reportInterval, int batteryLow, Instant since) {
            this.door = door;
            this.offlineAfter = offlineAfter;
            this.reportInterval = reportInterval;
            this.batteryLow = batteryLow;
            this.lastHeard = since;
        }
    }

    private final Map<String, Watched> locks = new LinkedHashMap<>();

    /** Starts watching {@code endpoint}, counting its silence from {@code now}. */
    public synchronized void watch(String endpoint, String door, Duration offlineAfter, Duration reportInterval,
                                   int batteryLow, Instant now) {
        locks.put(endpoint, new Watched(door, offlineAfter, reportInterval, batteryLow, now));
    }

    /** The lock reported something (registration, state, battery, an observe). */
    public synchronized List<LockNotice> heard(String endpoint, Instant now) {
        Watched w = locks.get(endpoint);
        if (w == null) {
            return List.of();
        }
        if (now.isAfter(w.lastHeard)) {
            w.lastHeard = now;
        }
        if (w.online) {
            return List.of();
        }
        w.online = true;
        return List.of(new LockNotice.Online(endpoint, w.door));
    }

    public synchronized List<LockNotice> battery(String endpoint, int percent, Instant now) {
        List<LockNotice> notices = new ArrayList<>(heard(endpoint, now));
        Watched w = locks.get(endpoint);
        if (w == null) {
            return notices;
        }
        if (!w.batteryIsLow && percent <= w.batteryLow) {
            w.batteryIsLow = true;
            notices.add(new LockNotice.BatteryLow(endpoint, w.door, percent, w.batteryLow));
        } else if (w.batteryIsLow && percent >= Math.min(100, w.batteryLow + RECOVERY_MARGIN)) {
            w.batteryIsLow = false;
            notices.add(new LockNotice.BatteryRecovered(endpoint, w.door, percent));
        }
        return notices;
    }

    /** Locks silent for longer than their profile allows, each once until heard again. */
    public synchronized List<LockNotice> check(Instant now) {
        List<LockNotice> notices = new ArrayList<>();
        locks.forEach((endpoint, w) -> {
            Duration silent = Duration.between(w.lastHeard, now);
            if (w.online && silent.compareTo(w.offlineAfter) >= 0) {
                w.online = false;
                notices.add(new LockNotice.Offline(endpoint, w.door, "no report for " + minutes(silent)
                        + " (it reports every " + minutes(w.reportInterval) + ")"));
            }
        });
        return notices;
    }

    public synchronized boolean online(String endpoint) {
        Watched w = locks.get(endpoint);
        return w != null && w.online;
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s >= 120 ? s / 60 + " min" : s + " s";
    }
}
