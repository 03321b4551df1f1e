package org.anju.profiles.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.anju.profiles.Problem;
import org.anju.profiles.load.ProfileReader;
import org.anju.profiles.load.Source;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a vendor's or an installer's profile file holds (mutated from the shipped profiles, the
 * seeds in this test's inputs), reading it gives a profile or problems naming the file and a
 * line, never an exception; a profile is only given when there is no problem.
 */
class ProfileReaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anyProfileTextIsReadOrSaysWhereItIsWrong(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        ProfileReader.Result result = ProfileReader.read(new Source("vendor.yaml", text, Optional.empty()));

        assertThat(result.file()).isEqualTo("vendor.yaml");
        if (result.profile().isPresent()) {
            assertThat(result.problems()).isEmpty();
        } else {
            assertThat(result.problems()).isNotEmpty();
        }
        for (Problem p : result.problems()) {
            assertThat(p.file()).isEqualTo("vendor.yaml");
            assertThat(p.line()).as(p.toString()).isNotNegative();
            assertThat(p.message()).isNotBlank();
        }
    }
}
