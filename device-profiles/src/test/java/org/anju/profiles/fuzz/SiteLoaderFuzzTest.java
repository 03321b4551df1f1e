package org.anju.profiles.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.anju.profiles.Problem;
import org.anju.profiles.load.LoadResult;
import org.anju.profiles.load.SiteLoader;
import org.anju.profiles.load.Source;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever an installer types into a site file (mutated from the example sites, the seeds in
 * this test's inputs), loading it gives a site or problems that each name the file and a line,
 * never an exception, a hang or a stack overflow.
 */
class SiteLoaderFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void anySiteTextLoadsOrSaysWhereItIsWrong(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        LoadResult result = SiteLoader.load(new Source("site.yaml", text, Optional.empty()));

        if (result instanceof LoadResult.Invalid invalid) {
            assertThat(invalid.problems()).isNotEmpty();
            for (Problem p : invalid.problems()) {
                assertThat(p.line()).as(p.toString()).isNotNegative();
                assertThat(p.message()).isNotBlank();
            }
        } else {
            assertThat(((LoadResult.Loaded) result).site().gateway().id()).isNotBlank();
        }
    }
}
