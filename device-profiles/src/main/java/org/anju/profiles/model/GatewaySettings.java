package org.anju.profiles.model;

import java.nio.file.Path;
import java.time.ZoneId;

/**
 * The gateway itself: its id in the park, where it keeps its database, how much disk that may
 * take, and which GPIO driver reaches its pins (mock for demos and tests, gpiod or linuxfs on a
 * real board: chosen here, never in code), and the time zone its lift hours and daily reconciliation
 * are in.
 */
public record GatewaySettings(String id, String name, GpioProvider gpio, Path dataDir, int diskBudgetMegabytes, ZoneId timeZone) {

    public GatewaySettings(String id, String name, GpioProvider gpio, Path dataDir, int diskBudgetMegabytes) {
        this(id, name, gpio, dataDir, diskBudgetMegabytes, ZoneId.systemDefault());
    }

    public enum GpioProvider {
        MOCK, GPIOD, LINUXFS;

        /** The name Pi4J and the site file use. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
