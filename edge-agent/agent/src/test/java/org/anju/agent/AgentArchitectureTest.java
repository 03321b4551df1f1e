package org.anju.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The gateway's structure as built: a package per concept without cycles between them, nothing of
 * the park's service, and nothing of the simulators (the reference firmware is what the tests and
 * the demo drive; the gateway speaks to devices through the protocol layer only).
 */
class AgentArchitectureTest {
    // this module's own classes, read from its build folder (scanning the class path took seconds)
    private static final JavaClasses AGENT = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void theAgentsPackagesHaveNoCycles() {
        slices().matching("org.anju.(**)").should().beFreeOfCycles().check(AGENT);
    }

    @Test
    void theAgentNeverImportsThePark() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.anju.bridge.park..")
                .because("the gateway's artefact holds only what a gateway runs").check(AGENT);
    }

    @Test
    void theAgentNeverImportsTheSimulators() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.anju.firmware..")
                .because("the reference firmware is what tests and the demo drive, never what the gateway runs")
                .check(AGENT);
    }
}
