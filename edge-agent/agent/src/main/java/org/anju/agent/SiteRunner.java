package org.anju.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.anju.agent.site.Deployment;
import org.anju.agent.site.Probation;
import org.anju.agent.site.SiteFiles;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.bridge.contract.CommandCompletion;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.ReplyResult;
import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.model.Site;

/**
 * Runs the gateway from its site file until told to stop, and starts it again from the file when the
 * park deployed a new one ({@code site.apply}): the assembly is stopped (doors to their safe state),
 * the database closed, and both opened again from the file as at the agent's start. A deployed file
 * is on probation ({@link Probation}): ready within its time, its {@code command.completed} says OK;
 * not ready, or not starting at all, the last good file goes back and the gateway starts with it
 * and says why. A deployment open at start (the agent stopped or crashed meanwhile) carries on,
 * or rolls back at once if its time has passed.
 */
final class SiteRunner {
    private enum Signal { RESTART, STOP }

    private final Path siteFile;
    private final Clock clock;
    private final Consumer<String> out;
    private final Consumer<String> err;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile Gateway current;

    SiteRunner(Path siteFile, Clock clock, Consumer<String> out, Consumer<String> err) {
        this.siteFile = siteFile;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Asks {@link #run} to stop the gateway and return. */
    void stop() {
        signals.add(Signal.STOP);
    }

    /** The gateway running now; null between two runs. */
    Gateway gateway() {
        return current;
    }

    /** Whether the gateway works (for the watchdog); true while it is being restarted on purpose. */
    boolean alive(Duration timeout) {
        Gateway g = current;
        return g == null || g.alive(timeout);
    }

    /**
     * Runs until {@link #stop()}: 0 then; 2 for a site file that is invalid at the first start, 1 for a
     * gateway that does not start (with nothing to roll back to). {@code started} is told of each start.
     */
    int run(Consumer<Gateway> started) {
        while (true) {
            LoadResult loaded = SiteLoader.load(siteFile);
            if (loaded instanceof LoadResult.Invalid invalid) {
                invalid.problems().forEach(p -> err.accept(p.toString()));
                return 2;
            }
            Site site = ((LoadResult.Loaded) loaded).site();
            SiteFiles files = new SiteFiles(siteFile, site, clock, () -> signals.add(Signal.RESTART));
            Optional<Deployment> deployment = deployment(files);
            if (deployment.isPresent() && !deployment.get().isRolledBack() && clock.millis() >= deployment.get().deadline()) {
                rollBack(files, deployment.get(), "version " + deployment.get().version() + " was not ready within "
                        + deployment.get().confirmSeconds() + " s (the agent stopped meanwhile)");
                continue;
            }
            DataFolder data;
            try {
                data = DataFolder.create(site.gateway().dataDir());
            } catch (IOException e) {
                err.accept("anju agent: cannot create data folder " + site.gateway().dataDir() + ": " + e.getMessage());
                return 1;
            }
            OpenResult opened = GatewayDatabase.open(data.database());
            if (opened instanceof OpenResult.Failed failed) {
                err.accept("anju agent: " + failed.reason());
                return 1;
            }
            GatewayDatabase database = ((OpenResult.Opened) opened).database();
            Gateway.Start start = Gateway.start(site, data, database, clock, files);
            if (start instanceof Gateway.Start.Failed failed) {
                database.close();
                if (deployment.isPresent() && !deployment.get().isRolledBack()) {
                    rollBack(files, deployment.get(), "version " + deployment.get().version() + ": " + failed.reason());
                    continue;
                }
                err.accept("anju agent: " + failed.reason());
                return 1;
            }
            Gateway gateway = ((Gateway.Start.Started) start).gateway();
            current = gateway;
            started.accept(gateway);
            Probation probation = deployment.map(d -> settleOrTry(files, d, gateway)).orElse(null);
            Signal signal = awaitSignal();
            if (probation != null) {
                probation.close();
            }
            current = null;
            gateway.stop();
            database.close();
            if (signal == Signal.STOP) {
                return 0;
            }
            out.accept("anju agent: restarting gateway " + site.gateway().id() + " with " + siteFile);
        }
    }

    /** A rolled-back deployment is reported now; one on probation is tried until its time is up. */
    private Probation settleOrTry(SiteFiles files, Deployment d, Gateway gateway) {
        if (d.isRolledBack()) {
            complete(files, d, gateway, ReplyResult.FAILED, "rolled back to " + d.previous() + ": " + d.rolledBack());
            return null;
        }
        Duration left = Duration.ofMillis(Math.max(0, d.deadline() - clock.millis()));
        return new Probation(left, gateway::notReadyBecause,
                () -> complete(files, d, gateway, ReplyResult.OK, "version " + d.version() + " (" + d.digest()
                        + ") runs and the gateway is ready"),
                why -> {
                    rollBack(files, d, "version " + d.version() + " was not ready within " + d.confirmSeconds() + " s: " + why);
                    signals.add(Signal.RESTART);
                }).start();
    }

    /** Records the deployment's outcome in the outbox (it reaches the park exactly once), then forgets it. */
    private void complete(SiteFiles files, Deployment d, Gateway gateway, ReplyResult result, String detail) {
        try {
            gateway.events().record(Priority.STATE, CommandCompletion.TYPE, new CommandCompletion(d.requestId(), "site.apply",
                    "park", result, detail, clock.millis(), java.util.List.of()))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            files.settle();
            (result == ReplyResult.OK ? out : err).accept("anju agent: site file version " + d.version() + ": " + detail);
        } catch (Exception e) {
            err.accept("anju agent: the outcome of site file version " + d.version() + " is not recorded yet ("
                    + e.getMessage() + "); it is reported at the next start");
        }
    }

    private void rollBack(SiteFiles files, Deployment d, String reason) {
        try {
            files.rollBack(d, reason);
            err.accept("anju agent: rolling back to the last good site file (" + d.previous() + "): " + reason);
        } catch (IOException e) {
            err.accept("anju agent: cannot roll back to the last good site file: " + e.getMessage());
        }
    }

    private Optional<Deployment> deployment(SiteFiles files) {
        try {
            return files.deployment();
        } catch (IOException | RuntimeException e) {
            err.accept("anju agent: the open site deployment cannot be read (" + e.getMessage() + "); running the site file as it is");
            return Optional.empty();
        }
    }

    private Signal awaitSignal() {
        try {
            return signals.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Signal.STOP;
        }
    }
}
