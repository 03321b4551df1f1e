package org.anju.bridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The link as the gateway uses it: packages without cycles, the contract depending on nothing else of it. */
class LinkArchitectureTest {
    private static final JavaClasses LINK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.anju.bridge");

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
