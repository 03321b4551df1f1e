package org.anju.bridge.park;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The park service: its packages without cycles; the store never reaching up into the API or the pages. */
class ParkArchitectureTest {
    private static final JavaClasses PARK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.anju.bridge.park");

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.anju.(**)").should().beFreeOfCycles().check(PARK);
    }

    @Test
    void theStoreNeverImportsTheApi() {
        noClasses().that().resideInAPackage("org.anju.bridge.park.store..").should().dependOnClassesThat()
                .resideInAnyPackage("org.anju.bridge.park.api..", "org.anju.bridge.park.live..").check(PARK);
    }
}
