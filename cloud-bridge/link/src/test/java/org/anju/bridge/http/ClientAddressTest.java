package org.anju.bridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** Who the client is: X-Forwarded-For and -Proto count only from a configured proxy, and only their right-most untrusted hop. */
class ClientAddressTest {
    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        vertx.close();
    }

    private String ask(List<String> proxies, String forwardedFor, String proto) throws Exception {
        ClientAddress clients = new ClientAddress(proxies);
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response()
                .end(clients.of(req) + " " + (clients.secure(req) ? "https" : "http"))).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/"));
            if (forwardedFor != null) {
                req.header("X-Forwarded-For", forwardedFor);
            }
            if (proto != null) {
                req.header("X-Forwarded-Proto", proto);
            }
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString()).body();
        } finally {
            server.close();
        }
    }

    @Test
    void aForwardedAddressCountsOnlyFromATrustedProxy() throws Exception {
        assertThat(ask(List.of(), "203.0.113.9", "https")).as("anyone may write the header").isEqualTo("127.0.0.1 http");
        assertThat(ask(List.of("127.0.0.1"), "203.0.113.9", "https")).isEqualTo("203.0.113.9 https");
        assertThat(ask(List.of("127.0.0.1"), "1.2.3.4, 203.0.113.9", null)).as("the client wrote the left one")
                .isEqualTo("203.0.113.9 http");
        assertThat(ask(List.of("127.0.0.1", "10.0.0.5"), "203.0.113.9, 10.0.0.5", null)).as("a chain of proxies")
                .isEqualTo("203.0.113.9 http");
        assertThat(ask(List.of("127.0.0.1"), null, null)).isEqualTo("127.0.0.1 http");
    }
}
