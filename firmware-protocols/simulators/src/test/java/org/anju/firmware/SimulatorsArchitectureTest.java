package org.anju.firmware;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The simulators as built: a package per device (and the line they share) without cycles between them. */
class SimulatorsArchitectureTest {
    // this module's own classes, read from its build folder
    private static final JavaClasses SIMULATORS = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.anju.(**)").should().beFreeOfCycles().check(SIMULATORS);
    }
}
