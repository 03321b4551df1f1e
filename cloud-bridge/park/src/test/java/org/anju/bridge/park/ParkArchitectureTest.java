package org.anju.bridge.park;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The park service: its packages without cycles; the store never reaching up into the API or the pages. */
class ParkArchitectureTest {
    // this module's own classes, read from its build folder (scanning the class path took seconds)
    private static final JavaClasses PARK = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes"));

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
