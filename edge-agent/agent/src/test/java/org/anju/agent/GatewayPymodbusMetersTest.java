package org.anju.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.json.JsonObject;
import org.anju.testing.PythonPeer;
import org.anju.testing.SocatPtyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meters nobody here wrote, read by the whole gateway: a python3-pymodbus slave on a socat pty
 * emulating a Chint DDSU666 (read with function 04 by one profile and 03 by the other), two
 * Hiking DDS238-2 (one seeing power flow back) from their public maps, and the relay board that
 * switches their sockets. What the park gets in each socket's {@code port.reading} is the meter's.
 */
@Tag("peer")
@Tag("wire")
class GatewayPymodbusMetersTest {
    @TempDir
    Path dir;
    private SocatPtyPair line;
    private PythonPeer meters;
    private RunningGateway running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        if (meters != null) {
            meters.close();
        }
        if (line != null) {
            line.close();
        }
    }

    private Optional<JsonObject> reading(int channel) {
        return GatewayProbe.events(running.gateway()).stream().filter(e -> e.type().equals("port.reading"))
                .map(e -> new JsonObject(e.payload()))
                .filter(r -> r.getString("pile").equals("relays") && r.getInteger("port") == channel).findFirst();
    }

    @Test
    void eachSocketsPortReadingCarriesItsMetersValuesInTheRulesUnits() throws Exception {
        line = new SocatPtyPair(dir);
        meters = PythonPeer.start("../../device-profiles/src/test/resources/interop/pymodbus_meters.py", line.deviceEnd().toString());
        Path site = Files.writeString(dir.resolve("site.yaml"), """
                gateway: {id: gw-pymodbus, gpio: mock, dataDir: data}
                park: {id: test-park, broker: tcp://park-broker.invalid:1883}   # no broker: nothing may wait on the park
                buses:
                  - id: meters
                    port: %s
                    baud: 9600
                    pollInterval: 500ms
                    devices:
                      - {id: ddsu-04, profile: chint-ddsu666, address: 1}
                      - {id: dds-a, profile: hiking-dds238-2, address: 2}
                      - {id: dds-back, profile: hiking-dds238-2, address: 3}
                      - {id: ddsu-03, profile: chint-ddsu666-fc03, address: 4}
                      - {id: relays, profile: modbus-relay-8, address: 20}
                chargingAreas:
                  - id: shed
                    meteredPorts:
                      - {meter: ddsu-04, relay: relays, channel: 1}
                      - {meter: dds-a, relay: relays, channel: 2}
                      - {meter: dds-back, relay: relays, channel: 3}
                      - {meter: ddsu-03, relay: relays, channel: 4}
                endpoints:
                  localApi: {bind: 127.0.0.1, port: 0}
                """.formatted(line.masterEnd()));
        running = RunningGateway.start(site);
        await().atMost(Duration.ofSeconds(30)).until(() -> reading(1).isPresent() && reading(2).isPresent()
                && reading(3).isPresent() && reading(4).isPresent());

        // 229.8 V, 3.21 A, 0.735 kW, 1234.56 kWh on both DDSU666 units, whichever function reads them
        for (int channel : new int[] {1, 4}) {
            JsonObject r = reading(channel).orElseThrow();
            assertThat(r.getDouble("voltageV")).as(r.encode()).isCloseTo(229.8, within(0.01));
            assertThat(r.getDouble("currentA")).isCloseTo(3.21, within(0.01));
            assertThat(r.getInteger("powerW")).isEqualTo(735);
            assertThat(r.getLong("energyWh")).isEqualTo(1_234_560L);
            assertThat(r.getString("state")).isEqualTo("Charging");
        }
        JsonObject dds = reading(2).orElseThrow(); // 2298 x 0.1 V, 321 x 0.01 A, 735 W, 123456 x 10 Wh
        assertThat(dds.getDouble("voltageV")).as(dds.encode()).isCloseTo(229.8, within(0.01));
        assertThat(dds.getDouble("currentA")).isCloseTo(3.21, within(0.01));
        assertThat(dds.getInteger("powerW")).isEqualTo(735);
        assertThat(dds.getLong("energyWh")).isEqualTo(1_234_560L);
        JsonObject back = reading(3).orElseThrow(); // -288 W: power flowing back draws nothing from the socket
        assertThat(back.getInteger("powerW")).as(back.encode()).isZero();
        // live (its channel reads closed once the board is read), drawing nothing
        await().atMost(Duration.ofSeconds(15)).until(() -> GatewayProbe.events(running.gateway()).stream()
                .filter(e -> e.type().equals("port.reading")).map(e -> new JsonObject(e.payload()))
                .anyMatch(r -> r.getInteger("port") == 3 && r.getString("state").equals("Preparing") && r.getInteger("powerW") == 0));
        // the meters charging on their live sockets are sessions, metered from their counters
        await().atMost(Duration.ofSeconds(15)).until(() -> GatewayProbe.events(running.gateway()).stream()
                .filter(e -> e.type().equals("charging.session_started")).count() == 3);
        assertThat(Map.of("problems", running.gateway().problems())).isEqualTo(Map.of("problems", java.util.List.of()));
    }
}
