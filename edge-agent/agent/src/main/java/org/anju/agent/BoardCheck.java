package org.anju.agent;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.SignedJson;

/**
 * What {@code --check} asks of the board before it is trusted with a building: that the local
 * store's SQLite native library loads for this operating system and processor, that the serial
 * library's does (it lists the ports), and that the contract's signatures sign and verify with
 * the libraries that were installed (the artefact carries only Linux's SQLite and serial natives
 * and only the part of BouncyCastle that Ed25519 needs, so a
 * board outside them, or a library cut too short, is found here and not at the first event).
 * Touches no file: the database is in memory, the key is thrown away.
 */
final class BoardCheck {
    private BoardCheck() {
    }

    /** Either what works, as one line, or the first thing that does not, with what to do. */
    sealed interface Result {
        record Works(String summary) implements Result {
        }

        record Broken(String problem) implements Result {
        }
    }

    static Result run() {
        String sqlite;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            sqlite = rs.getString(1);
        } catch (SQLException | LinkageError e) {
            return new Result.Broken("the local store's SQLite cannot run on " + platform() + " (" + e.getMessage()
                    + "); the artefact carries SQLite for Linux on x86_64, aarch64 and armv7 (hard-float)");
        }
        try {
            KeyPair probe = Ed25519Keys.generate();
            byte[] signed = SignedJson.sign(SignedJson.GATEWAY, "{\"probe\":true}".getBytes(StandardCharsets.UTF_8),
                    probe.getPrivate());
            if (!(SignedJson.open(SignedJson.GATEWAY, signed, probe.getPublic()) instanceof SignedJson.Opened.Valid)) {
                return new Result.Broken("Ed25519: a signature made here does not verify here");
            }
        } catch (RuntimeException | LinkageError e) {
            return new Result.Broken("Ed25519 signatures cannot be made on this board: " + e);
        }
        int serialPorts;
        try {
            serialPorts = com.fazecast.jSerialComm.SerialPort.getCommPorts().length;
        } catch (RuntimeException | LinkageError e) {
            return new Result.Broken("the serial ports (RS-485) cannot be listed on " + platform() + ": " + e
                    + "; the artefact carries jSerialComm for Linux");
        }
        return new Result.Works("SQLite " + sqlite + " on " + platform() + ", Ed25519 signs and verifies, "
                + serialPorts + " serial ports seen");
    }

    private static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
