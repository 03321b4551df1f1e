package org.anju.profiles.load;

import java.util.List;

import org.anju.profiles.Problem;
import org.anju.profiles.model.Site;

/** What loading a site file gave: the site and the profiles it uses, or every problem found. */
public sealed interface LoadResult {

    /** A valid site; {@code catalog} holds the shipped profiles and those of the site's profiles folder. */
    record Loaded(Site site, ProfileCatalog catalog) implements LoadResult {
    }

    /** Problems in the site file or in the profiles it uses, in file order; never empty. */
    record Invalid(List<Problem> problems) implements LoadResult {
        public Invalid {
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result names at least one problem");
            }
            problems = List.copyOf(problems);
        }
    }
}
