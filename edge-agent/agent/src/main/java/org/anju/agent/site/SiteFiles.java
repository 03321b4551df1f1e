package org.anju.agent.site;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.anju.bridge.command.CommandOutcome;
import org.anju.bridge.contract.CommandBody;
import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.Source;
import org.anju.profiles.model.Site;

/**
 * The park's {@code site.apply} on a gateway that runs {@code running} (the installer's file or the
 * park's deployed one, {@link SiteStart}): validated as the installer's file would be, then written to
 * the data folder ({@link SiteFolder}) with the running file kept as the last good one, and run at a
 * restart. The installer's file is never written. Blocking file I/O.
 */
public final class SiteFiles implements SiteChanges {
    private final SiteStart.Installer installer;
    private final Source running;
    private final Site runningSite;
    private final SiteFolder folder;
    private final Clock clock;
    private final Runnable restart;
    /** The request whose file was written: the restart with it waits for its reply ({@link #replied}). */
    private volatile String restartAfterReplyTo;

    /**
     * @param running the file the gateway runs and its site
     * @param restart asks the agent to stop the gateway and start it again
     */
    public SiteFiles(SiteStart.Installer installer, Source running, Site runningSite, Clock clock, Runnable restart) {
        this.installer = installer;
        this.running = running;
        this.runningSite = runningSite;
        this.folder = installer.folder();
        this.clock = clock;
        this.restart = restart;
    }

    @Override
    public CommandOutcome apply(String requestId, CommandBody.SiteApply body) {
        String digest = Site.configVersionOf(body.text());
        if (!digest.equals(body.digest())) {
            return CommandOutcome.failed("the digest " + body.digest() + " is not the text's (" + digest
                    + "): the file changed on the way; nothing changed");
        }
        if (body.digest().equals(runningSite.configVersion())) {
            return CommandOutcome.unchanged("this gateway runs " + body.digest() + " already");
        }
        try {
            Optional<Deployment> open = folder.deployment();
            if (open.isPresent()) {
                return CommandOutcome.failed("version " + open.get().version() + " is not settled yet (confirmed or rolled back"
                        + " within " + open.get().confirmSeconds() + " s of its start): deploy again after that");
            }
            Optional<String> edited = installerEdited();
            if (edited.isPresent()) {
                return CommandOutcome.failed(edited.get());
            }
            List<String> problems = problems(body.text());
            if (!problems.isEmpty()) {
                return CommandOutcome.failed("refused, nothing changed:\n" + String.join("\n", problems));
            }
            Deployment d = new Deployment(requestId, body.version(), body.digest(), runningSite.configVersion(),
                    body.confirmSeconds(), clock.millis() + body.confirmSeconds() * 1000L, null);
            folder.deploy(d, body.text(), running.text(), installer.digest());
        } catch (IOException e) {
            return CommandOutcome.failed("cannot write the deployed site file in " + folder.deployedFile().getParent() + ": "
                    + e + "; the gateway runs " + runningSite.configVersion() + " as before");
        }
        restartAfterReplyTo = requestId;
        return CommandOutcome.pending("version " + body.version() + " (" + body.digest() + ") written; restarting with it;"
                + " rolled back to " + runningSite.configVersion() + " unless ready within " + body.confirmSeconds()
                + " s (a command.completed event follows)");
    }

    @Override
    public void replied(String requestId) {
        if (requestId.equals(restartAfterReplyTo)) {
            restartAfterReplyTo = null;
            restart.run();
        }
    }

    /**
     * Why a deployment now would hide an admin's edit: the installer's file changed since the running
     * deployed file ran over it, and that edit runs at the next start ({@link SiteStart}).
     */
    private Optional<String> installerEdited() throws IOException {
        Optional<String> recorded = folder.installerDigest();
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Source.Read now = Source.of(installer.file());
        String digest = now instanceof Source.Loaded loaded ? Site.configVersionOf(loaded.source().text()) : null;
        if (recorded.get().equals(digest)) {
            return Optional.empty();
        }
        return Optional.of(installer.file() + " changed since the park's file ran over it (an admin's edit, or unreadable"
                + " now); it takes over at the agent's next start, and a deployment now would hide it: restart the agent"
                + " first; nothing changed");
    }

    /** The validator's problems with {@code text} as this gateway's site file, one line each; empty when it is good. */
    List<String> problems(String text) {
        LoadResult result = installer.load(installer.file().getFileName().toString(), text);
        if (result instanceof LoadResult.Invalid invalid) {
            return invalid.problems().stream().map(Problem::toString).toList();
        }
        Site next = ((LoadResult.Loaded) result).site();
        if (!next.gateway().id().equals(runningSite.gateway().id())) {
            return List.of("gateway.id is " + next.gateway().id() + ", not this gateway's " + runningSite.gateway().id()
                    + "; a site file moves to another gateway by enrolling it");
        }
        if (!same(next.gateway().dataDir(), installer.site().gateway().dataDir())) {
            return List.of("gateway.dataDir is " + next.gateway().dataDir() + ", not " + installer.site().gateway().dataDir()
                    + " as " + installer.file() + " has it; the data folder (outbox, keys, roster and the deployed site"
                    + " files) moves only by hand");
        }
        return List.of();
    }

    private static boolean same(java.nio.file.Path a, java.nio.file.Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The deployment not settled yet, if any. */
    public Optional<Deployment> deployment() throws IOException {
        return folder.deployment();
    }

    /** Puts the last good file back and remembers why, to say so once it runs. */
    public void rollBack(Deployment d, String reason) throws IOException {
        folder.rollBack(d, reason, installer.digest());
    }

    /** The deployment has been reported: forget it (the last good file stays until the next one). */
    public void settle() throws IOException {
        folder.settle();
    }
}
