package org.anju.agent.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import io.vertx.core.json.JsonObject;

/**
 * What the park's deployments keep in the gateway's data folder ({@code DATA/site}), the only folder
 * the packaged unit lets the agent write: the deployed file that runs in place of the installer's
 * ({@code deployed.yaml}), the digest the installer's file had when it was first run over
 * ({@code installer.sha256}: a different one at a start means an admin edited it since, and it wins),
 * the file that ran before the last deployment ({@code last-good.yaml}) and the deployment not
 * settled yet ({@code deployment.json}, the trial marker). The installer's file ({@code --config}) is
 * never written. Every write goes to a temporary file first, is synced and moved into place, so a
 * power cut leaves the old file or the new one, never half of one. Blocking file I/O.
 */
public final class SiteFolder {
    private final Path folder;

    /** The folder of deployed site files in {@code dataDir}. */
    public SiteFolder(Path dataDir) {
        this.folder = dataDir.resolve("site");
    }

    public Path deployedFile() {
        return folder.resolve("deployed.yaml");
    }

    Path lastGoodFile() {
        return folder.resolve("last-good.yaml");
    }

    Path deploymentFile() {
        return folder.resolve("deployment.json");
    }

    private Path installerDigestFile() {
        return folder.resolve("installer.sha256");
    }

    /** Where a deployed file set aside for an admin's edit of the installer's file is kept. */
    public Path setAsideFile() {
        return folder.resolve("deployed.set-aside.yaml");
    }

    /** The deployed file's text, if the park deployed one that has not been rolled back to the installer's. */
    public Optional<String> deployed() throws IOException {
        return read(deployedFile());
    }

    /** The installer's file's digest as it was when a deployed file first ran over it. */
    public Optional<String> installerDigest() throws IOException {
        return read(installerDigestFile()).map(String::strip);
    }

    /** The deployment not settled yet, if any. */
    public Optional<Deployment> deployment() throws IOException {
        return read(deploymentFile()).map(text -> Deployment.fromJson(new JsonObject(text)));
    }

    /**
     * Writes a deployed file to run from the next start: {@code lastGood} (the text running now) kept to
     * go back to, the trial marker, and {@code installerDigest} when the installer's file ran until now.
     * When a write fails, nothing of this deployment is left to try or roll back at the next start.
     */
    void deploy(Deployment d, String text, String lastGood, String installerDigest) throws IOException {
        boolean overInstaller = !Files.exists(deployedFile());
        try {
            Files.createDirectories(folder);
            write(lastGoodFile(), lastGood);
            if (overInstaller) {
                write(installerDigestFile(), installerDigest + "\n");
            }
            write(deploymentFile(), d.toJson().encode());
            write(deployedFile(), text);
        } catch (IOException e) {
            try {
                settle();
                if (overInstaller && !Files.exists(deployedFile())) {
                    Files.deleteIfExists(installerDigestFile());
                }
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    /**
     * Puts the last good file back and remembers why, to say so once it runs: when the last good file
     * is the installer's file as it is now ({@code installerDigest}), the deployed file goes and the
     * installer's runs again; otherwise the last good text is the deployed file.
     */
    public void rollBack(Deployment d, String reason, String installerDigest) throws IOException {
        markRolledBack(d, reason);
        String lastGood = Files.readString(lastGoodFile(), StandardCharsets.UTF_8);
        if (org.anju.profiles.model.Site.configVersionOf(lastGood).equals(installerDigest)) {
            Files.deleteIfExists(deployedFile());
            Files.deleteIfExists(installerDigestFile());
        } else {
            write(deployedFile(), lastGood);
        }
    }

    /** Ends the trial of {@code d} with {@code reason}, to report it, without touching the site files. */
    public void markRolledBack(Deployment d, String reason) throws IOException {
        write(deploymentFile(), d.rollBack(reason).toJson().encode());
    }

    /** The installer's file changed since the deployed file ran over it: the deployed file is kept aside, no longer run. */
    public void setAside() throws IOException {
        Files.move(deployedFile(), setAsideFile(), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(installerDigestFile());
    }

    /** The deployment has been reported: forget it (the last good file stays until the next one). */
    public void settle() throws IOException {
        Files.deleteIfExists(deploymentFile());
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    private static void write(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
