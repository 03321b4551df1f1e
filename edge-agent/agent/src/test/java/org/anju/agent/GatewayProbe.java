package org.anju.agent;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.anju.agent.command.CommandApi;
import org.anju.agent.store.OutboxEvent;
import org.anju.protocol.wiegand.WiegandCodec;
import org.anju.protocol.wiegand.WiegandFormat;
import org.anju.protocol.wiegand.WiegandResult;

import io.vertx.core.json.JsonObject;

/** What the gateway tests do to a running gateway and read back from it, written once. */
final class GatewayProbe {
    private GatewayProbe() {
    }

    /** Every event in the gateway's outbox, oldest first. */
    static List<OutboxEvent> events(Gateway gateway) {
        return gateway.outbox().after(0, 100_000).join();
    }

    static boolean hasEvent(Gateway gateway, String type, String contains) {
        return events(gateway).stream().anyMatch(e -> e.type().equals(type) && e.payload().contains(contains));
    }

    /** A command as the local API and the park hand it over, answered within 20 s (a sleeping lock takes its time). */
    static JsonObject command(Gateway gateway, JsonObject body) throws Exception {
        return gateway.vertx().eventBus().<JsonObject>request(CommandApi.ADDRESS, body)
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).body();
    }

    /** A tenant as the gateway's roster holds them: cards, doors and the stay's window (epoch ms). */
    record HeldTenant(java.util.Set<String> cards, java.util.Set<String> doors, long validFrom, long validUntil) {
    }

    /** The roster in a gateway's database file, by tenant id, read as any SQLite client would. */
    static java.util.Map<String, HeldTenant> roster(java.nio.file.Path databaseFile) throws java.sql.SQLException {
        java.util.Map<String, HeldTenant> out = new java.util.TreeMap<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + databaseFile); var s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT id, valid_from, valid_until FROM tenant")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new HeldTenant(new java.util.TreeSet<>(), new java.util.TreeSet<>(),
                            rs.getLong(2), rs.getLong(3)));
                }
            }
            try (var rs = s.executeQuery("SELECT tenant_id, value FROM credential WHERE kind = 'card'")) {
                while (rs.next()) {
                    out.get(rs.getString(1)).cards().add(rs.getString(2));
                }
            }
            try (var rs = s.executeQuery("SELECT tenant_id, door FROM door_grant")) {
                while (rs.next()) {
                    out.get(rs.getString(1)).doors().add(rs.getString(2));
                }
            }
        }
        return out;
    }

    /** A tenant's phone open as the gateway judges it: "opened", or the reason it was denied. */
    static String tenantOpens(Gateway gateway, String tenant, String door) throws Exception {
        JsonObject reply = command(gateway, new JsonObject().put("id", "open-" + System.nanoTime()).put("kind", "door.open")
                .put("door", door).put("tenant", tenant).put("who", tenant));
        return "denied".equals(reply.getString("result")) ? reply.getString("reason") : reply.getString("result");
    }

    /**
     * Keys typed at the keypad of the reader on {@code d0}/{@code d1} ("482913#"): each key its own
     * 8-bit frame, the line idle between keys for longer than the reader's frame gap (25 ms): the
     * signal's timing, not a wait for a result.
     */
    private static void type(Gateway gateway, int d0, int d1, String keys) {
        for (char key : keys.toCharArray()) {
            for (boolean bit : org.anju.protocol.wiegand.WiegandKeys.encode(key, true)) {
                int pin = bit ? d1 : d0;
                gateway.gpioSimulator().orElseThrow().driveInput(pin, false);
                gateway.gpioSimulator().orElseThrow().driveInput(pin, true);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(40_000_000);
        }
    }

    /**
     * A code typed at a door's keypad as a person types it: again (three times at most) when a key
     * was misread and the door did not open for what was read. A stall of this loaded machine
     * between two bits splits a key's frame into misreads, and the entry that follows is short of
     * that key (refused, or never completed if the misread key was {@code #}); each try starts with
     * {@code *}, which clears what the keypad holds. A code the door answered whole is not typed
     * again, so no guest pass's use is spent twice.
     */
    static void typeAtDoor(Gateway gateway, int d0, int d1, String code) {
        for (int attempt = 0; attempt < 3; attempt++) {
            int misreads = gateway.doorReaderMisreads();
            long answered = doorAnswers(gateway);
            long granted = grants(gateway);
            type(gateway, d0, d1, "*" + code);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> doorAnswers(gateway) > answered || gateway.doorReaderMisreads() > misreads);
            if (gateway.doorReaderMisreads() == misreads) {
                return; // read whole: the door's answer stands
            }
            try { // a key misread: the answer to what was read, if any, comes at once
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1)).pollInterval(java.time.Duration.ofMillis(20))
                        .until(() -> doorAnswers(gateway) > answered);
            } catch (org.awaitility.core.ConditionTimeoutException unanswered) {
                // '#' itself was misread: nothing was entered
            }
            if (grants(gateway) > granted) {
                return; // only '*' was misread: the code opened the door
            }
        }
        throw new AssertionError("code misread three times at the keypad");
    }

    private static long grants(Gateway gateway) {
        return events(gateway).stream().filter(e -> e.type().equals("door.access_granted")).count();
    }

    /** A 26-bit card swiped at the reader on {@code d0}/{@code d1}: each bit a short low pulse. */
    static void swipe(Gateway gateway, int d0, int d1, int facility, int number) {
        boolean[] bits = WiegandCodec.encode(new WiegandResult.Card(WiegandFormat.H10301, facility, number));
        for (boolean bit : bits) {
            int pin = bit ? d1 : d0;
            gateway.gpioSimulator().orElseThrow().driveInput(pin, false);
            gateway.gpioSimulator().orElseThrow().driveInput(pin, true);
        }
    }

    /**
     * A card presented at a gate's reader as a person would: again if the gate misread it, but only
     * once a late read has not opened it (a frame split by a stall on a loaded machine reads as a
     * misread, and its rest may still open: presenting at once would let her pass twice).
     */
    static void present(Gateway gateway, String gate, int d0, int d1, int facility, int number,
                        java.util.function.BooleanSupplier opened) {
        org.anju.agent.gate.GateRuntime reader = gateway.gates().get(gate);
        for (int attempt = 0; attempt < 3; attempt++) {
            int misreads = reader.misreads();
            swipe(gateway, d0, d1, facility, number);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> opened.getAsBoolean() || reader.misreads() > misreads);
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(1)).pollInterval(java.time.Duration.ofMillis(20))
                        .until(opened::getAsBoolean);
                return;
            } catch (org.awaitility.core.ConditionTimeoutException misread) {
                // read wrong: present again
            }
        }
        throw new AssertionError("card " + number + " misread three times at " + gate);
    }

    /**
     * A card at a door's reader as a person presents it: again (three times at most) if no door
     * answered it with a grant or a refusal within 3 s, since a stall of this loaded machine between
     * two bits splits the frame into misreads, which open nothing and are never answered.
     */
    static void swipeAtDoor(Gateway gateway, int d0, int d1, int facility, int number) {
        for (int attempt = 0; attempt < 3; attempt++) {
            long answered = doorAnswers(gateway);
            swipe(gateway, d0, d1, facility, number);
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(3)).pollInterval(java.time.Duration.ofMillis(50))
                        .until(() -> doorAnswers(gateway) > answered);
                return;
            } catch (org.awaitility.core.ConditionTimeoutException misread) {
                // read wrong: present again
            }
        }
    }

    private static long doorAnswers(Gateway gateway) {
        return events(gateway).stream().filter(e -> e.type().equals("door.access_granted") || e.type().equals("door.access_denied"))
                .count();
    }
}
