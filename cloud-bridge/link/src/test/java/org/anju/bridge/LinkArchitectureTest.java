package org.anju.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The link as the gateway uses it: packages without cycles, the contract depending on nothing else of it. */
class LinkArchitectureTest {
    // this module's own classes, read from its build folder (scanning the class path took seconds)
    private static final JavaClasses LINK = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.anju.(**)").should().beFreeOfCycles().check(LINK);
    }

    @Test
    void theContractStandsAlone() {
        noClasses().that().resideInAPackage("org.anju.bridge.contract..").should().dependOnClassesThat()
                .resideInAnyPackage("org.anju.bridge.uplink..", "org.anju.bridge.command..", "org.anju.bridge.mqtt..",
                        "io.vertx..", "org.eclipse.paho..")
                .because("the contract is what both ends agree on, read by either without the other's machinery")
                .check(LINK);
    }
}
