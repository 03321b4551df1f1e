package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.Site;

/** A gateway started in this JVM from a site file, with its database; closing stops both, in order. */
record RunningGateway(Gateway gateway, GatewayDatabase database) implements AutoCloseable {

    /** Loads the site (it must be valid), opens its database and starts the gateway (it must start). */
    static RunningGateway start(Path siteFile) throws Exception {
        return start(siteFile, 1);
    }

    /** As {@link #start(Path)}, with the charging rules' time running {@code speed} times faster than the wall. */
    static RunningGateway start(Path siteFile, double speed) throws Exception {
        return start(siteFile, Clock.systemUTC(), SteadyTime.spedUp(Clock.systemUTC(), speed));
    }

    /** As {@link #start(Path)}, with {@code wall} as the gateway's wall clock (one a test sets wrong). */
    static RunningGateway start(Path siteFile, Clock wall) throws Exception {
        return start(siteFile, wall, SteadyTime.spedUp(wall, 1));
    }

    /** As {@link #start(Path)}, with the charging rules on {@code chargingTime}. */
    static RunningGateway start(Path siteFile, SteadyTime chargingTime) throws Exception {
        return start(siteFile, Clock.systemUTC(), chargingTime);
    }

    private static RunningGateway start(Path siteFile, Clock wall, SteadyTime chargingTime) throws Exception {
        LoadResult loaded = SiteLoader.load(siteFile);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(LoadResult.Loaded.class);
        Site site = ((LoadResult.Loaded) loaded).site();
        DataFolder data = DataFolder.create(site.gateway().dataDir());
        GatewayDatabase database = ((OpenResult.Opened) GatewayDatabase.open(data.database())).database();
        Gateway.Start started = Gateway.start(site, data, database, wall, chargingTime);
        if (started instanceof Gateway.Start.Failed) {
            database.close();
        }
        assertThat(started).as(started.toString()).isInstanceOf(Gateway.Start.Started.class);
        return new RunningGateway(((Gateway.Start.Started) started).gateway(), database);
    }

    @Override
    public void close() {
        gateway.stop();
        database.close();
    }
}
