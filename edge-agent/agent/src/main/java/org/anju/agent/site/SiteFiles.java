package org.anju.agent.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.command.CommandOutcome;
import org.anju.bridge.contract.CommandBody;
import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.load.Source;
import org.anju.profiles.model.Site;

import io.vertx.core.json.JsonObject;

/**
 * The site file the gateway runs, and what a deployment keeps beside it in the data folder: the last
 * good file ({@code DATA/site/last-good.yaml}) and the deployment not yet settled
 * ({@code DATA/site/deployment.json}). Every write goes to a temporary file first and is moved into
 * place, so a power cut leaves the old file or the new one, never half of one. Blocking file I/O.
 */
public final class SiteFiles implements SiteChanges {
    private final Path siteFile;
    private final Site running;
    private final Path folder;
    private final Clock clock;
    private final Runnable restart;

    /**
     * @param running the site the gateway runs, read from {@code siteFile}
     * @param restart asks the agent to stop the gateway and start it again from the site file
     */
    public SiteFiles(Path siteFile, Site running, Clock clock, Runnable restart) {
        this.siteFile = siteFile;
        this.running = running;
        this.folder = running.gateway().dataDir().resolve("site");
        this.clock = clock;
        this.restart = restart;
    }

    @Override
    public CommandOutcome apply(String requestId, CommandBody.SiteApply body) {
        if (body.digest().equals(running.configVersion())) {
            return CommandOutcome.unchanged("this gateway runs " + body.digest() + " already");
        }
        try {
            Optional<Deployment> open = deployment();
            if (open.isPresent()) {
                return CommandOutcome.failed("version " + open.get().version() + " is not settled yet (confirmed or rolled back"
                        + " within " + open.get().confirmSeconds() + " s of its start): deploy again after that");
            }
            List<String> problems = problems(body.text());
            if (!problems.isEmpty()) {
                return CommandOutcome.failed("refused, nothing changed:\n" + String.join("\n", problems));
            }
            String lastGood = Source.of(siteFile) instanceof Source.Loaded loaded ? loaded.source().text() : null;
            if (lastGood == null) {
                return CommandOutcome.failed("cannot read the site file " + siteFile + " to keep it as the last good one");
            }
            Files.createDirectories(folder);
            write(lastGoodFile(), lastGood);
            Deployment d = new Deployment(requestId, body.version(), body.digest(), running.configVersion(),
                    body.confirmSeconds(), clock.millis() + body.confirmSeconds() * 1000L, null);
            write(deploymentFile(), d.toJson().encode());
            write(siteFile, body.text());
        } catch (IOException e) {
            try {
                settle(); // the site file was not replaced: no deployment to try or roll back at the next start
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            return CommandOutcome.failed("cannot write the site file: " + e + "; the gateway runs "
                    + running.configVersion() + " as before");
        }
        restart.run();
        return CommandOutcome.pending("version " + body.version() + " (" + body.digest() + ") written; restarting with it;"
                + " rolled back to " + running.configVersion() + " unless ready within " + body.confirmSeconds()
                + " s (a command.completed event follows)");
    }

    /** The validator's problems with {@code text} as this gateway's site file, one line each; empty when it is good. */
    List<String> problems(String text) {
        Path dir = siteFile.toAbsolutePath().getParent();
        LoadResult result = SiteLoader.load(new Source(siteFile.getFileName().toString(), text, Optional.of(dir)));
        if (result instanceof LoadResult.Invalid invalid) {
            return invalid.problems().stream().map(Problem::toString).toList();
        }
        Site next = ((LoadResult.Loaded) result).site();
        if (!next.gateway().id().equals(running.gateway().id())) {
            return List.of("gateway.id is " + next.gateway().id() + ", not this gateway's " + running.gateway().id()
                    + "; a site file moves to another gateway by enrolling it");
        }
        if (!next.gateway().dataDir().toAbsolutePath().normalize().equals(running.gateway().dataDir().toAbsolutePath().normalize())) {
            return List.of("gateway.dataDir changes from " + running.gateway().dataDir() + "; the data folder (outbox, keys,"
                    + " roster) moves only by hand");
        }
        return List.of();
    }

    /** The deployment not settled yet, if any. */
    public Optional<Deployment> deployment() throws IOException {
        Path file = deploymentFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Deployment.fromJson(new JsonObject(Files.readString(file))));
    }

    /** Puts the last good file back in place of the site file and remembers why, to say so once it runs. */
    public void rollBack(Deployment d, String reason) throws IOException {
        write(deploymentFile(), d.rollBack(reason).toJson().encode());
        write(siteFile, Files.readString(lastGoodFile()));
    }

    /** The deployment has been reported: forget it (the last good file stays until the next one). */
    public void settle() throws IOException {
        Files.deleteIfExists(deploymentFile());
    }

    private Path lastGoodFile() {
        return folder.resolve("last-good.yaml");
    }

    private Path deploymentFile() {
        return folder.resolve("deployment.json");
    }

    private static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
