package org.anju.agent.site;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.load.Source;
import org.anju.profiles.model.Site;

/**
 * Which site file a start runs. The installer's file ({@code --config}, read only) is the starting
 * point: it names the data folder, and a deployed file may not move it. The park's deployed file
 * ({@code DATA/site/deployed.yaml}) runs in its place while the installer's file is as it was when
 * the first deployment ran over it (its recorded digest); an installer's file changed since (an
 * admin's edit, {@code anju agent enroll}) is the newer word: it runs and the deployed file is set
 * aside, which the start says. Relative paths in a deployed file resolve in the installer's file's
 * folder, as they would in that file.
 */
public final class SiteStart {
    private SiteStart() {
    }

    /** The installer's file read: valid, or its problems. */
    public sealed interface Opened {
    }

    /** A site file with problems, one a line as the validator says them (file:line:column: ...). */
    public record Invalid(List<String> problems) implements Opened, Chosen {
    }

    /** The installer's file, read and validated. */
    public record Installer(Path file, Source source, Site site) implements Opened {
        public SiteFolder folder() {
            return new SiteFolder(site.gateway().dataDir());
        }

        public String digest() {
            return site.configVersion();
        }

        /** {@code text} as a site file in the installer's file's place: its problems resolve and read as that file's. */
        LoadResult load(String name, String text) {
            return SiteLoader.load(new Source(name, text, source.directory()));
        }
    }

    /** What a start runs: the file, its site, and why this one (a line for the log). */
    public sealed interface Chosen {
    }

    /** Runs {@code source}; {@code deployed} when it is the park's file rather than the installer's. */
    public record Run(Source source, Site site, boolean deployed, String why) implements Chosen {
    }

    /** The installer's file at {@code file}: its problems, one a line, when it is not a site file. */
    public static Opened installer(Path file) {
        Source.Read source = Source.of(file);
        if (source instanceof Source.Unreadable unreadable) {
            return new Invalid(List.of(unreadable.problem().toString()));
        }
        Source s = ((Source.Loaded) source).source();
        LoadResult loaded = SiteLoader.load(s);
        if (loaded instanceof LoadResult.Invalid invalid) {
            return new Invalid(invalid.problems().stream().map(Problem::toString).toList());
        }
        return new Installer(file, s, ((LoadResult.Loaded) loaded).site());
    }

    /** The file to run now, the deployed one or the installer's, with why. */
    public static Chosen choose(Installer installer) throws IOException {
        SiteFolder folder = installer.folder();
        Optional<String> deployed = folder.deployed();
        if (deployed.isEmpty()) {
            return new Run(installer.source(), installer.site(), false, "runs " + installer.file()
                    + " (" + installer.digest() + "): no site file deployed by the park");
        }
        Optional<String> recorded = folder.installerDigest();
        if (recorded.isEmpty() || !recorded.get().equals(installer.digest())) {
            // no record to compare with (lost by hand) is read as an edit too: the admin's file is never overridden unseen
            folder.setAside();
            return new Run(installer.source(), installer.site(), false, "runs " + installer.file() + " ("
                    + installer.digest() + "): it changed since the park's deployed file ran over it (it was "
                    + recorded.orElse("not recorded") + "), and an edit of the installer's file is the newer word;"
                    + " the deployed file " + Site.configVersionOf(deployed.get()) + " is set aside as " + folder.setAsideFile());
        }
        String name = folder.deployedFile().toString();
        LoadResult loaded = installer.load(name, deployed.get());
        if (loaded instanceof LoadResult.Invalid invalid) {
            List<String> problems = new java.util.ArrayList<>(invalid.problems().stream().map(Problem::toString).toList());
            problems.add("anju agent: " + name + " is the site file the park deployed, run in place of " + installer.file()
                    + "; deploy a good one, or delete it to run " + installer.file());
            return new Invalid(problems);
        }
        Site site = ((LoadResult.Loaded) loaded).site();
        return new Run(new Source(name, deployed.get(), installer.source().directory()), site, true, "runs " + name
                + " (" + site.configVersion() + "), the site file the park deployed, in place of " + installer.file()
                + ", which is as it was when the park's file ran over it (" + installer.digest() + ")");
    }
}
