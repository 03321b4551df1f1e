package org.anju.agent.charging;

import java.time.Duration;

/**
 * The limits a tenant chose for one charge when starting it: stop once it has drawn
 * {@code maxEnergyWh}, or once it has run {@code maxMinutes}, whichever comes first; either may be
 * absent (null). They are a person's wish inside the site's limits, never past them: the gateway
 * enforces the shorter of a chosen time and the site's maximum session.
 */
public record SessionLimits(Integer maxMinutes, Integer maxEnergyWh) {
    /** The contract's bounds (charge.start): up to a day, up to 100 kWh. */
    public static final int MAX_MINUTES = 24 * 60;
    public static final int MAX_ENERGY_WH = 100_000;
    public static final SessionLimits NONE = new SessionLimits(null, null);

    public SessionLimits {
        if (maxMinutes != null && (maxMinutes < 1 || maxMinutes > MAX_MINUTES)) {
            throw new IllegalArgumentException("maxMinutes is 1 to " + MAX_MINUTES + ", not " + maxMinutes);
        }
        if (maxEnergyWh != null && (maxEnergyWh < 1 || maxEnergyWh > MAX_ENERGY_WH)) {
            throw new IllegalArgumentException("maxEnergyWh is 1 to " + MAX_ENERGY_WH + ", not " + maxEnergyWh);
        }
    }

    public boolean none() {
        return maxMinutes == null && maxEnergyWh == null;
    }

    /** These limits inside the site's maximum session: a longer chosen time gives way to it. */
    public SessionLimits within(Duration siteMaxSession) {
        long site = siteMaxSession.toMinutes();
        return maxMinutes != null && maxMinutes > site ? new SessionLimits((int) Math.max(1, site), maxEnergyWh) : this;
    }

    /** "stops at 1500 Wh or after 120 min", for an answer; "" without limits. */
    public String words() {
        if (none()) {
            return "";
        }
        String energy = maxEnergyWh == null ? null : "at " + maxEnergyWh + " Wh";
        String time = maxMinutes == null ? null : "after " + maxMinutes + " min";
        return "stops " + (energy != null && time != null ? energy + " or " + time : energy != null ? energy : time);
    }
}
