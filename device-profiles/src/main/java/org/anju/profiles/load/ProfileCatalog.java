package org.anju.profiles.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.anju.profiles.Problem;
import org.anju.profiles.model.Profile;
import org.anju.profiles.Location;

/**
 * The device profiles a site can use: those shipped in the jar, extended and overridden by a
 * folder of the installer's own (a folder profile with a shipped id replaces the shipped one).
 */
public final class ProfileCatalog {
    private final Map<String, Profile> profiles;
    private final Map<String, String> sources;

    private ProfileCatalog(Map<String, Profile> profiles, Map<String, String> sources) {
        this.profiles = java.util.Collections.unmodifiableMap(new TreeMap<>(profiles));
        this.sources = Map.copyOf(sources);
    }

    /**
     * What loading profiles gave: the valid profiles as a catalog, each file's result, the
     * problems, and the ids of profiles that exist but are broken (so a site that refers to one is
     * not also told the profile does not exist).
     */
    public record Load(ProfileCatalog catalog, List<ProfileReader.Result> files, List<Problem> problems, Set<String> brokenIds) {
        public Load {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
            brokenIds = Set.copyOf(brokenIds);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private static final class Shipped {
        static final Load LOAD = build(ShippedFiles.list("profiles").stream().map(Source::resource).toList(), List.of(), null);
    }

    /** The profiles shipped in the jar (read once; they cannot change while the process runs). */
    public static Load shipped() {
        return Shipped.LOAD;
    }

    /** The shipped profiles, extended and overridden by the {@code .yaml} files directly in {@code folder}. */
    public static Load withFolder(Path folder) {
        List<Problem> unreadable = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        String name = folder.toString();
        if (!Files.isDirectory(folder)) {
            unreadable.add(new Problem(name, 1, 1, "the profiles folder does not exist", "create it, or correct the path"));
        } else {
            try {
                for (Path file : ShippedFiles.yamlFiles(folder)) {
                    Source.Read read = Source.of(file);
                    if (read instanceof Source.Loaded loaded) {
                        sources.add(loaded.source());
                    } else {
                        unreadable.add(((Source.Unreadable) read).problem());
                    }
                }
            } catch (IOException e) {
                unreadable.add(new Problem(name, 1, 1, "cannot list the profiles folder: " + e.getMessage(), "check that it is readable"));
            }
        }
        return build(sources, unreadable, shipped());
    }

    private static Load build(List<Source> sources, List<Problem> earlier, Load base) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        List<ProfileReader.Result> results = new ArrayList<>(base == null ? List.of() : base.files());
        List<Problem> problems = new ArrayList<>(base == null ? List.of() : base.problems());
        problems.addAll(earlier);
        Set<String> broken = new HashSet<>(base == null ? Set.of() : base.brokenIds());
        Map<String, Location> seenHere = new LinkedHashMap<>();
        for (Source source : sources) {
            ProfileReader.Result r = ProfileReader.read(source);
            results.add(r);
            problems.addAll(r.problems());
            if (r.id().isEmpty()) {
                continue;
            }
            String id = r.id().get();
            Location first = seenHere.putIfAbsent(id, r.idAt());
            if (first != null) {
                problems.add(new Problem(r.file(), r.idAt().line(), r.idAt().column(), "the profile id '" + id
                        + "' is already used by " + first.file() + ":" + first.line(), "give each profile its own id"));
            } else if (r.profile().isPresent()) {
                profiles.put(id, r.profile().get());
                files.put(id, r.file());
                broken.remove(id);
            } else {
                broken.add(id);
            }
        }
        Map<String, Profile> all = new LinkedHashMap<>(base == null ? Map.of() : base.catalog().profiles);
        Map<String, String> allFiles = new LinkedHashMap<>(base == null ? Map.of() : base.catalog().sources);
        broken.forEach(all::remove);
        all.putAll(profiles);
        allFiles.putAll(files);
        problems.sort(null);
        return new Load(new ProfileCatalog(all, allFiles), results, problems, broken);
    }

    public Optional<Profile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public <P extends Profile> Optional<P> find(String id, Class<P> type) {
        return find(id).filter(type::isInstance).map(type::cast);
    }

    /** All profiles, by id. */
    public Collection<Profile> all() {
        return profiles.values();
    }

    public Set<String> ids() {
        return profiles.keySet();
    }

    /** The file a profile was read from: a path, or {@code classpath:profiles/...} for a shipped one. */
    public Optional<String> sourceOf(String id) {
        return Optional.ofNullable(sources.get(id));
    }
}
