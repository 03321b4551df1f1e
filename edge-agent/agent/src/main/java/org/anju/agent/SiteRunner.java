package org.anju.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import org.anju.agent.site.Deployment;
import org.anju.agent.site.Probation;
import org.anju.agent.site.SiteFiles;
import org.anju.agent.site.SiteStart;
import org.anju.agent.store.GatewayDatabase;
import org.anju.agent.store.OpenResult;
import org.anju.bridge.contract.CommandCompletion;
import org.anju.bridge.contract.Priority;
import org.anju.bridge.contract.ReplyResult;
import org.anju.profiles.model.Site;

/**
 * Runs the gateway from its site file until told to stop, and starts it again when the park deployed
 * a new one ({@code site.apply}): the assembly is stopped (doors to their safe state), the database
 * closed, and both opened again as at the agent's start. Each start runs the file {@link SiteStart}
 * chooses (the park's deployed file in the data folder, or the installer's {@code --config} file,
 * which is never written) and says which and why. A deployed file is on probation
 * ({@link Probation}): ready within its time, its {@code command.completed} says OK; not ready, or
 * not starting at all, the last good file goes back and the gateway starts with it and says why. A
 * trial still open when the process starts (it was killed or stopped meanwhile) is never resumed:
 * the last good file goes back and the park is told so once the gateway is back.
 */
final class SiteRunner {
    private enum Signal { RESTART, STOP }

    private final Path installerFile;
    private final Clock clock;
    private final Consumer<String> out;
    private final Consumer<String> err;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile Gateway current;

    /** @param installerFile the site file given by {@code --config}: read, never written */
    SiteRunner(Path installerFile, Clock clock, Consumer<String> out, Consumer<String> err) {
        this.installerFile = installerFile;
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
        boolean firstStart = true;
        while (true) {
            SiteStart.Opened read = SiteStart.installer(installerFile);
            if (read instanceof SiteStart.Invalid invalid) {
                invalid.problems().forEach(err);
                return 2;
            }
            SiteStart.Installer installer = (SiteStart.Installer) read;
            SiteStart.Chosen chosen;
            Optional<Deployment> deployment;
            try {
                deployment = installer.folder().deployment();
                if (firstStart && deployment.isPresent() && !deployment.get().isRolledBack()) {
                    // the process ended with a file on trial: it was never confirmed, so it is not run again
                    Deployment d = deployment.get();
                    rollBack(installer, d, "version " + d.version() + " was not confirmed: the agent stopped during its trial");
                    deployment = installer.folder().deployment();
                }
                chosen = SiteStart.choose(installer);
            } catch (IOException | RuntimeException e) {
                err.accept("anju agent: the deployed site files in " + installer.folder().deployedFile().getParent()
                        + " cannot be read or written (" + e.getMessage() + "); nothing started");
                return 1;
            }
            firstStart = false;
            if (chosen instanceof SiteStart.Invalid invalid) {
                if (deployment.isPresent() && !deployment.get().isRolledBack()) {
                    if (rollBack(installer, deployment.get(), "version " + deployment.get().version()
                            + " is not a valid site file here: " + String.join("; ", invalid.problems()))) {
                        continue;
                    }
                    return 1;
                }
                invalid.problems().forEach(err);
                return 2;
            }
            SiteStart.Run run = (SiteStart.Run) chosen;
            out.accept("anju agent: " + run.why());
            Site site = run.site();
            if (deployment.isPresent() && !deployment.get().isRolledBack() && !deployment.get().digest().equals(site.configVersion())) {
                // an admin's edit of the installer's file took over during the trial: the trial ends here, and says so
                deployment = abandon(installer, deployment.get(), "version " + deployment.get().version() + " does not run: "
                        + run.why());
            }
            SiteFiles files = new SiteFiles(installer, run.source(), site, clock, () -> signals.add(Signal.RESTART));
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
                    if (rollBack(installer, deployment.get(), "version " + deployment.get().version() + ": " + failed.reason())) {
                        continue;
                    }
                }
                err.accept("anju agent: " + failed.reason());
                return 1;
            }
            Gateway gateway = ((Gateway.Start.Started) start).gateway();
            current = gateway;
            started.accept(gateway);
            Probation probation = deployment.map(d -> settleOrTry(installer, files, d, gateway)).orElse(null);
            Signal signal = awaitSignal();
            // the trial ends first (it does not wait): a gateway stopping must not look like a file that is not ready
            if (probation != null) {
                probation.close();
            }
            current = null;
            gateway.stop();
            database.close();
            if (signal == Signal.STOP) {
                return 0;
            }
            out.accept("anju agent: restarting gateway " + site.gateway().id());
        }
    }

    /** A rolled-back deployment is reported now; one on probation is tried until its time is up. */
    private Probation settleOrTry(SiteStart.Installer installer, SiteFiles files, Deployment d, Gateway gateway) {
        if (d.isRolledBack()) {
            complete(files, d, gateway, ReplyResult.FAILED, "rolled back to " + d.previous() + ": " + d.rolledBack());
            return null;
        }
        Duration left = Duration.ofMillis(Math.max(0, d.deadline() - clock.millis()));
        return new Probation(left, gateway::notReadyBecause,
                () -> complete(files, d, gateway, ReplyResult.OK, "version " + d.version() + " (" + d.digest()
                        + ") runs and the gateway is ready"),
                why -> {
                    rollBack(installer, d, "version " + d.version() + " was not ready within " + d.confirmSeconds() + " s: " + why);
                    signals.add(Signal.RESTART);
                }).start();
    }

    /**
     * Records the deployment's outcome in the outbox (it reaches the park exactly once), then forgets
     * it. Never waits: called on the thread that serves a stop (SIGTERM), which must reach the
     * gateway's stop at once (doors to their safe state, ports cut), not after a commit; an outcome
     * not committed before the gateway stops stays in {@code deployment.json} and is reported at the
     * next start.
     */
    private void complete(SiteFiles files, Deployment d, Gateway gateway, ReplyResult result, String detail) {
        gateway.events().record(Priority.STATE, CommandCompletion.TYPE, new CommandCompletion(d.requestId(), "site.apply",
                        "park", result, detail, clock.millis(), java.util.List.of()))
                .toCompletionStage().toCompletableFuture()
                .whenCompleteAsync((recorded, failed) -> {
                    try {
                        if (failed != null) {
                            throw failed;
                        }
                        files.settle();
                        (result == ReplyResult.OK ? out : err).accept("anju agent: site file version " + d.version() + ": " + detail);
                    } catch (Throwable e) {
                        err.accept("anju agent: the outcome of site file version " + d.version() + " is not recorded yet ("
                                + e.getMessage() + "); it is reported at the next start");
                    }
                });
    }

    /** Puts the last good file back; false (and said) when the data folder does not let it. */
    private boolean rollBack(SiteStart.Installer installer, Deployment d, String reason) {
        try {
            installer.folder().rollBack(d, reason, installer.digest());
            err.accept("anju agent: rolling back to the last good site file (" + d.previous() + "): " + reason);
            return true;
        } catch (IOException e) {
            err.accept("anju agent: cannot roll back to the last good site file: " + e.getMessage());
            return false;
        }
    }

    /** Ends a trial whose file no longer runs, to report why; the files stay as they are. */
    private Optional<Deployment> abandon(SiteStart.Installer installer, Deployment d, String reason) {
        try {
            installer.folder().markRolledBack(d, reason);
            err.accept("anju agent: " + reason);
        } catch (IOException e) {
            err.accept("anju agent: cannot record the end of the trial of version " + d.version() + ": " + e.getMessage());
        }
        return Optional.of(d.rollBack(reason));
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
