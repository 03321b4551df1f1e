package org.anju.bridge.park.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.testing.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * On a real PostgreSQL, a fire alarm that reaches the fan-out behind a thousand gateways' births
 * (a park coming back after an outage) is numbered and sent ahead of them: the consoles' news
 * journal gives it the first number. The fan-out connects as a role that does not exist yet, so
 * everything is queued before its first round.
 */
@Tag("peer")
class FanoutAlarmsFirstTest {
    @TempDir
    Path dir;

    @Test
    void aFireAlarmQueuedBehindAThousandBirthsIsNumberedFirst() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            Path password = server.passwordFile(dir);
            var store = new ParkConfig.Store.Postgres(server.jdbcUrl(), server.user(), password);
            try (ParkDatabase schema = ((ParkDatabase.Opened.Ok) ParkDatabase.open(store, "a")).database()) {
                assertThat(schema.dialect()).isEqualTo(ParkDatabase.Dialect.POSTGRES);
            }
            try (PostgresFanout fanout = new PostgresFanout(new PostgresFanout.Target(server.jdbcUrl(), "fanout_later",
                    "fanout secret"), "a", message -> { })) {
                for (int i = 0; i < 1000; i++) {
                    fanout.send(new JsonObject().put("kind", "gateway").put("data", new JsonObject().put("gateway", "gw-" + i)
                            .put("online", true)));
                }
                fanout.send(new JsonObject().put("kind", "alarm").put("data", new JsonObject().put("gateway", "gw-7")
                        .put("type", "alarm.raised").put("payload", new JsonObject().put("kind", "SMOKE"))));
                try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), Files.readString(password).strip());
                     Statement s = c.createStatement()) {
                    s.execute("CREATE ROLE fanout_later LOGIN PASSWORD 'fanout secret'");
                    s.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO fanout_later");
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> "1001".equals(server.value("SELECT COUNT(*) FROM live_news")));
                assertThat(server.value("SELECT message FROM live_news ORDER BY id LIMIT 1")).contains("\"kind\":\"alarm\"");
                assertThat(server.value("SELECT message FROM live_news ORDER BY id DESC LIMIT 1")).contains("\"kind\":\"gateway\"");
            }
        }
    }
}
