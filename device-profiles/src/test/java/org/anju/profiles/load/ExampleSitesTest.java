package org.anju.profiles.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.anju.profiles.model.Site;
import org.junit.jupiter.api.Test;

class ExampleSitesTest {

    static Site load(String resource) {
        LoadResult result = SiteLoader.load(Source.resource(resource));
        assertThat(result).as(result.toString().replace("), Problem", ")\n Problem")).isInstanceOf(LoadResult.Loaded.class);
        return ((LoadResult.Loaded) result).site();
    }

    @Test
    void theSmallWalkUpHasOneEntranceALockBoardAndTwoTenPortPilesOnOneBus() {
        Site site = load("sites/small-walkup.yaml");

        assertThat(site.portCount()).isEqualTo(20);
    }
}
