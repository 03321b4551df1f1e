package org.anju.profiles;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.ProfileReader;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.load.Source;

/** Loads the broken files under src/test/resources/broken and gives their problems as the CLI prints them, less the file name. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path path(String resource) {
        URL url = Fixtures.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problems of {@code broken/profiles/NAME}, each as {@code LINE:COL: message; hint}. */
    public static List<String> profileProblems(String name) {
        return withoutFile(ProfileReader.read(Source.resource("broken/profiles/" + name)).problems());
    }

    /** The problems of {@code broken/sites/NAME}, each as {@code LINE:COL: message; hint}. */
    public static List<String> siteProblems(String name) {
        LoadResult result = SiteLoader.load(Source.resource("broken/sites/" + name));
        return result instanceof LoadResult.Invalid invalid ? withoutFile(invalid.problems()) : List.of();
    }

    public static List<String> withoutFile(List<Problem> problems) {
        return problems.stream().map(p -> p.toString().substring(p.file().length() + 1)).toList();
    }
}
