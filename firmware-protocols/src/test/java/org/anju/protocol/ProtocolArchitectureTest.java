package org.anju.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The protocol layer as its users rely on it: codecs that take bytes and registers and return
 * frames and values, with no I/O of their own (no files, sockets, serial ports, GPIO, event loops)
 * and nothing of the reference firmware that is tested against them.
 */
class ProtocolArchitectureTest {
    // this module's own classes, read from its build folder (scanning the class path took seconds)
    private static final JavaClasses PROTOCOL = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes/org/anju/protocol"));
    private static final JavaClasses ALL = new ClassFileImporter()
            .importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void codecsDoNoIo() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..",
                "com.fazecast..", "com.pi4j..", "io.vertx..", "io.netty..")
                .because("a codec is tested by frames and properties alone; transports never look inside a frame")
                .check(PROTOCOL);
    }

    @Test
    void codecsNeverImportTheReferenceFirmware() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.anju.firmware..").check(PROTOCOL);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.anju.(**)").should().beFreeOfCycles().check(ALL);
    }
}
