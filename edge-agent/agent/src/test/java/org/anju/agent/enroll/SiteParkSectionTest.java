package org.anju.agent.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The site file after enrollment: the park section and the gateway id are the park's, the rest of
 * the file as the installer wrote it (comments and order too), and what enrollment does not give
 * (the CA file, the offline PIN key) kept from the old park section.
 */
class SiteParkSectionTest {
    private static final SiteParkSection.Given ISSUED = new SiteParkSection.Given("huaqiao", "gw-b09", "ssl://mqtt.park.example:8883",
            "mqtt5", new SiteParkSection.Credentials("gw-b09", "/var/lib/anju/broker.password"),
            List.of(new SiteParkSection.CommandKey("park-2026", "park-park-2026.pub.pem")));

    @Test
    void replacesTheParkSectionAndTheGatewayIdAndKeepsTheRest() throws Exception {
        String before = """
                # building 9, wired by Li
                gateway:
                  id: gw-new   # placeholder until enrolled
                  gpio: mock
                  dataDir: /var/lib/anju
                park:
                  id: old-park
                  broker: tcp://old:1883
                  caFile: park-ca.pem
                  username: someone
                  passwordFile: old.password
                  offlinePinKeyFile: offline-pin.key
                  commandKeys: [{id: old, file: old.pem}]
                # the doors
                doors:
                  - {id: entrance, building: "9", floor: "1", entrance: main, lock: {gpio: {profile: gpio-maglock-fail-safe}}}
                """;
        String after = SiteParkSection.rewrite(before, ISSUED);
        var root = SiteParkSection.read(after);
        assertThat(root.path("gateway").path("id").asText()).isEqualTo("gw-b09");
        assertThat(root.path("gateway").path("dataDir").asText()).isEqualTo("/var/lib/anju");
        var park = root.path("park");
        assertThat(park.path("id").asText()).isEqualTo("huaqiao");
        assertThat(park.path("broker").asText()).isEqualTo("ssl://mqtt.park.example:8883");
        assertThat(park.path("username").asText()).isEqualTo("gw-b09");
        assertThat(park.path("passwordFile").asText()).isEqualTo("/var/lib/anju/broker.password");
        assertThat(park.path("caFile").asText()).isEqualTo("park-ca.pem");
        assertThat(park.path("offlinePinKeyFile").asText()).isEqualTo("offline-pin.key");
        assertThat(park.path("commandKeys").get(0).path("id").asText()).isEqualTo("park-2026");
        assertThat(park.path("commandKeys")).hasSize(1);
        assertThat(after).startsWith("# building 9, wired by Li\n").contains("# the doors\ndoors:\n")
                .contains("  - {id: entrance, building: \"9\"").doesNotContain("old.password").doesNotContain("someone");
    }

    @Test
    void keepsTheBrokerUserWhenTheParkIssuedNoneAndWritesAFileFromNothing() throws Exception {
        SiteParkSection.Given none = new SiteParkSection.Given("huaqiao", "gw-b09", "tcp://10.0.0.5", "mqtt5", null, List.of());
        var kept = SiteParkSection.read(SiteParkSection.rewrite("""
                gateway: {id: gw-b09, dataDir: data}
                park: {id: huaqiao, broker: "tcp://x", username: gw-b09, passwordEnv: ANJU_MQTT_PASSWORD}
                """, none));
        assertThat(kept.path("park").path("username").asText()).isEqualTo("gw-b09");
        assertThat(kept.path("park").path("passwordEnv").asText()).isEqualTo("ANJU_MQTT_PASSWORD");
        assertThat(kept.path("park").path("broker").asText()).isEqualTo("tcp://10.0.0.5");
        assertThat(kept.path("gateway").path("dataDir").asText()).isEqualTo("data");

        var fresh = SiteParkSection.read(SiteParkSection.rewrite(null, ISSUED));
        assertThat(fresh.path("gateway").path("id").asText()).isEqualTo("gw-b09");
        assertThat(fresh.path("park").path("id").asText()).isEqualTo("huaqiao");
    }
}
