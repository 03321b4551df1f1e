package org.anju.profiles.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.ProfileCatalog;
import org.anju.profiles.load.ProfileReader;
import org.anju.profiles.load.ShippedFiles;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.load.Source;

/**
 * {@code anju profiles validate [PATH...]}: checks profiles and site files before anything runs.
 * A path may be a profile, a site file or a folder of them; without a path, the shipped profiles
 * and example sites are checked. Prints {@code OK FILE} for each valid file on stdout and one
 * {@code FILE:LINE:COL: what is wrong; what would be right} line per problem on stderr.
 *
 * <p>Exit status: {@value #VALID} all valid, {@value #INVALID} a file has problems,
 * {@value #USAGE} a wrong argument or a path that does not exist, {@value #BUG} an internal error.
 */
public final class ProfilesCommand {
    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    public static final int BUG = 3;

    static final String USAGE_TEXT = "usage: anju profiles validate [PATH...]\n"
            + "  PATH  a profile, a site file, or a folder of them (its .yaml and .yml files);\n"
            + "        without PATH: the shipped profiles and example sites";

    private final PrintStream out;
    private final PrintStream err;
    private final Set<String> printed = new LinkedHashSet<>();
    private int status = VALID;

    private ProfilesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status. Never throws: an escaping exception is a bug and is reported as one. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return new ProfilesCommand(out, err).dispatch(args);
        } catch (RuntimeException bug) {
            err.println("anju profiles: internal error, please report it: " + bug);
            bug.printStackTrace(err);
            return BUG;
        }
    }

    private int dispatch(String[] args) {
        if (args.length == 1 && List.of("-h", "--help", "help").contains(args[0])) {
            out.println(USAGE_TEXT);
            return VALID;
        }
        if (args.length == 0 || !args[0].equals("validate")) {
            err.println("anju profiles: " + (args.length == 0 ? "no command given" : "unknown command '" + args[0] + "'")
                    + "; " + USAGE_TEXT.lines().findFirst().orElseThrow());
            return USAGE;
        }
        List<String> paths = List.of(args).subList(1, args.length);
        if (paths.isEmpty()) {
            validateShipped();
        }
        for (String path : paths) {
            if (path.startsWith("-")) {
                err.println("anju profiles: unknown option '" + path + "'; " + USAGE_TEXT.lines().findFirst().orElseThrow());
                status = Math.max(status, USAGE);
                continue;
            }
            validatePath(Path.of(path));
        }
        return status;
    }

    private void validateShipped() {
        ProfileCatalog.shipped().files().forEach(this::report);
        for (String site : ShippedFiles.list("sites")) {
            report(Source.resource(site).name(), SiteLoader.load(Source.resource(site)));
        }
    }

    private void validatePath(Path path) {
        if (Files.isDirectory(path)) {
            validateFolder(path);
        } else if (Files.isRegularFile(path)) {
            validateFile(path);
        } else {
            err.println(path + ": no such file or folder; give a profile, a site file or a folder of them");
            status = Math.max(status, USAGE);
        }
    }

    /** The profiles of a folder are read together (so two with one id are found); each site on its own. */
    private void validateFolder(Path folder) {
        List<Path> files;
        try {
            files = ShippedFiles.yamlFiles(folder);
        } catch (IOException e) {
            err.println(folder + ": cannot list the folder: " + e.getMessage());
            status = Math.max(status, USAGE);
            return;
        }
        List<Path> sites = new ArrayList<>();
        boolean hasProfiles = false;
        for (Path file : files) {
            FileKind kind = FileKind.of(file);
            if (kind == FileKind.SITE) {
                sites.add(file);
            } else if (kind == FileKind.PROFILE) {
                hasProfiles = true;
            } else {
                validateFile(file);
            }
        }
        if (hasProfiles) {
            ProfileCatalog.Load load = ProfileCatalog.withFolder(folder);
            load.files().stream().filter(f -> !f.file().startsWith("classpath:")).forEach(f -> report(f.file(),
                    load.problems().stream().filter(p -> p.file().equals(f.file())).toList()));
        }
        sites.forEach(this::validateFile);
    }

    private void validateFile(Path file) {
        switch (FileKind.of(file)) {
            case PROFILE -> {
                Source.Read read = Source.of(file);
                if (read instanceof Source.Loaded loaded) {
                    report(ProfileReader.read(loaded.source()));
                } else {
                    report(file.toString(), List.of(((Source.Unreadable) read).problem()));
                }
            }
            case SITE -> report(file.toString(), SiteLoader.load(file));
            case NEITHER -> report(file.toString(), List.of(new Problem(file.toString(), 1, 1,
                    "neither a profile (it has no 'kind') nor a site file (it has no 'gateway')",
                    "start a profile with id, kind and protocol, or a site file with gateway and park")));
            case BROKEN -> report(file.toString(), FileKind.problemsOf(file));
        }
    }

    private void report(ProfileReader.Result result) {
        report(result.file(), result.problems());
    }

    private void report(String file, LoadResult result) {
        report(file, result instanceof LoadResult.Invalid invalid ? invalid.problems() : List.of());
    }

    private void report(String file, List<Problem> problems) {
        if (problems.isEmpty()) {
            out.println("OK " + file);
            return;
        }
        status = Math.max(status, INVALID);
        for (Problem p : problems) {
            if (printed.add(p.toString())) {
                err.println(p);
            }
        }
    }
}
