package org.anju.bridge.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What a bridge instance holds for its gateways: its RSS and live heap (after a full collection)
 * with an officer's console open, before its gateways announced themselves and after. Measured in
 * two parks of different sizes, the difference is the cost of a gateway, as a slope.
 */
record Memory(int gateways, double rssIdleMb, double heapIdleMb, double rssMb, double heapMb, double announceSeconds,
              long announced) {

    /**
     * {@code bridge}, ready, idle then after every gateway of {@code park} announced its ports; each
     * measured after {@code settle} (what was in flight lands, the allocation rate calms).
     */
    static Memory loaded(ScalePark park, BridgeProcess bridge, Duration settle) throws Exception {
        try (ConsoleStream console = bridge.console(ParkYaml.ADMIN_PASSWORD, AlarmProbe.GATEWAY)) {
            TimeUnit.MILLISECONDS.sleep(settle.toMillis());
            double rssIdle = bridge.rssMb();
            double heapIdle = bridge.liveHeapMb();
            double seconds = park.announce(bridge);
            long announced = (long) park.gateways().count() * PortAnnouncement.size(park.portsPerGateway());
            TimeUnit.MILLISECONDS.sleep(settle.toMillis());
            double rss = bridge.rssMb();
            BridgeProcess.LiveHeap live = bridge.liveHeap();
            double heap = live.mb();
            System.out.printf(Locale.ROOT, "  %,d gateways announced %,d ports and %,d alarms in %.1f s (%,.0f events/s stored);"
                            + " bridge RSS %.0f MB (before: %.0f), live heap %.1f MB (before: %.1f); load %.1f%n",
                    park.gateways().count(), (long) park.gateways().count() * park.portsPerGateway(), park.gateways().count(), seconds,
                    announced / seconds, rss, rssIdle, heap, heapIdle, BenchReport.loadAverage());
            System.out.println("    its largest classes: " + String.join(", ", live.largest()));
            return new Memory(park.gateways().count(), rssIdle, heapIdle, rss, heap, seconds, announced);
        }
    }

    /** The figures: each park's memory beside its bridge before, and the slope between them beside a gateway's announcement's size. */
    static void report(BenchReport report, Memory small, Memory large, int ports) {
        double sentKb = PortAnnouncement.events(ports).stream().mapToInt(e -> e.payload().length()).sum() / 1024.0;
        int more = large.gateways() - small.gateways();
        double heapKb = (large.heapMb() - small.heapMb()) * 1024 / more;
        double rssKb = (large.rssMb() - small.rssMb()) * 1024 / more;
        System.out.printf(Locale.ROOT, "  a gateway of %d ports costs the bridge %.1f KB of live heap and %.1f KB of RSS (from %d to %d"
                + " gateways); its announcement's payloads are %.1f KB%n", ports, heapKb, rssKb, small.gateways(), large.gateways(), sentKb);
        for (Memory m : new Memory[] {small, large}) {
            report.add("rss." + m.gateways(), "MB", BenchReport.Better.LOWER, Samples.of(m.rssMb()), Samples.of(m.rssIdleMb()),
                    "the same bridge before its " + m.gateways() + " gateways announced themselves");
            report.add("heap." + m.gateways(), "MB", BenchReport.Better.LOWER, Samples.of(m.heapMb()), Samples.of(m.heapIdleMb()),
                    "the same bridge's live heap before its " + m.gateways() + " gateways announced themselves");
        }
        report.add("heap.per-gateway", "KB", BenchReport.Better.LOWER, Samples.of(heapKb), Samples.of(sentKb),
                "the payloads of the gateway's announcement (" + ports + " port readings, 1 alarm)");
        report.add("rss.per-gateway", "KB", BenchReport.Better.LOWER, Samples.of(rssKb), Samples.of(sentKb),
                "the payloads of the gateway's announcement (" + ports + " port readings, 1 alarm)");
        report.add("announce", "events/s", BenchReport.Better.HIGHER, Samples.of(large.announced() / large.announceSeconds()),
                Samples.of(small.announced() / small.announceSeconds()), "the same announcements of a park of " + small.gateways()
                        + " gateways");
    }
}
