package org.anju.profiles;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Profiles and site files: packages without cycles, and nothing of the simulators the tests drive. */
class ProfilesArchitectureTest {
    // this module's own classes, read from its build folder (scanning the class path took seconds)
    private static final JavaClasses PROFILES = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.anju.(**)").should().beFreeOfCycles().check(PROFILES);
    }

    @Test
    void profilesNeverImportTheReferenceFirmware() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.anju.firmware..").check(PROFILES);
    }
}
