package org.anju.profiles.load;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.anju.profiles.model.Profile;
import org.anju.profiles.model.ProfileKind;
import org.anju.profiles.model.ReaderBinding;
import org.anju.profiles.model.WiegandReaderProfile;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.schema.Spelling;

/** Resolves the profile ids a site file names, with "did you mean" for a near miss. */
final class ProfileRefs {
    private final ProfileCatalog.Load load;

    ProfileRefs(ProfileCatalog.Load load) {
        this.load = load;
    }

    ProfileCatalog catalog() {
        return load.catalog();
    }

    /** The profile named by {@code key}, if it exists and is of one of {@code kinds}; otherwise the reader is failed. */
    Optional<Profile> resolve(SectionReader r, String key, ProfileKind... kinds) {
        String id = r.text(key);
        if (id == null) {
            return Optional.empty();
        }
        List<ProfileKind> wanted = Arrays.asList(kinds);
        if (load.brokenIds().contains(id)) {
            r.failQuietly();
            return Optional.empty();
        }
        Optional<Profile> found = load.catalog().find(id);
        String kindsText = wanted.stream().map(ProfileKind::yamlName).collect(Collectors.joining(", ")).replaceAll(", ([^,]*)$", " or $1");
        List<String> candidates = load.catalog().all().stream().filter(p -> wanted.contains(p.kind())).map(Profile::id).toList();
        if (found.isEmpty()) {
            String hint = Spelling.closest(id, candidates).or(() -> Spelling.closest(id, load.catalog().ids()))
                    .map(s -> "did you mean '" + s + "'?")
                    .orElse("the " + kindsText + " profiles are: " + String.join(", ", candidates));
            r.reject(key, "there is no profile '" + id + "'", hint);
            return Optional.empty();
        }
        Profile p = found.get();
        if (!wanted.contains(p.kind())) {
            r.reject(key, "profile '" + id + "' is " + p.kind().withArticle() + " profile, not " + (wanted.size() == 1 ? wanted.get(0).withArticle() : "a " + kindsText) + " profile",
                    candidates.isEmpty() ? "add " + (wanted.size() == 1 ? wanted.get(0).withArticle() : "a " + kindsText) + " profile" : "use one of: " + String.join(", ", candidates));
            return Optional.empty();
        }
        return found;
    }

    <P extends Profile> Optional<P> resolve(SectionReader r, String key, Class<P> type, ProfileKind kind) {
        return resolve(r, key, kind).map(type::cast);
    }

    /** A Wiegand reader (a door's, a lift's, a gate's) on the pins the site gives, the profile's by default. */
    Optional<ReaderBinding> reader(SectionReader x) {
        Optional<WiegandReaderProfile> profile = resolve(x, "profile", WiegandReaderProfile.class, ProfileKind.WIEGAND_READER);
        if (x.failed() || profile.isEmpty()) {
            return Optional.empty();
        }
        WiegandReaderProfile p = profile.get();
        return Optional.of(x.remember(new ReaderBinding(p, x.optional("d0", Integer.class).orElse(p.d0Pin()),
                x.optional("d1", Integer.class).orElse(p.d1Pin()))));
    }
}
