package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.anju.profiles.model.Profile;
import org.anju.profiles.model.ProfileKind;
import org.junit.jupiter.api.Test;

class ShippedProfilesTest {

    @Test
    void everyShippedProfileIsValid() {
        ProfileCatalog.Load load = ProfileCatalog.shipped();

        assertThat(load.problems()).isEmpty();
        assertThat(load.files()).hasSizeGreaterThanOrEqualTo(14).allSatisfy(f -> assertThat(f.profile()).isPresent());
    }

    @Test
    void thereIsAShippedProfileOfEveryKind() {
        Set<ProfileKind> kinds = ProfileCatalog.shipped().catalog().all().stream().map(Profile::kind).collect(Collectors.toSet());

        assertThat(kinds).containsExactlyInAnyOrderElementsOf(Arrays.asList(ProfileKind.values()));
    }

    @Test
    void eachProfileIdMatchesItsFileName() {
        ProfileCatalog catalog = ProfileCatalog.shipped().catalog();

        assertThat(catalog.ids()).allSatisfy(id -> assertThat(catalog.sourceOf(id)).contains("classpath:profiles/" + id + ".yaml"));
    }
}
