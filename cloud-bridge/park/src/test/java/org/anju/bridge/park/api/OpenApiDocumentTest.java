package org.anju.bridge.park.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;

/** The OpenAPI document names exactly the routes the API serves, method by method. */
class OpenApiDocumentTest {

    @Test
    void theDocumentAndTheRoutesAgree() throws Exception {
        JsonNode doc;
        try (var in = getClass().getResourceAsStream("/park/openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            for (Iterator<String> methods = doc.path("paths").path(path).fieldNames(); methods.hasNext(); ) {
                documented.add(methods.next().toUpperCase(java.util.Locale.ROOT) + " " + path.replaceAll("\\{(\\w+)}", ":$1"));
            }
        }
        Vertx vertx = Vertx.vertx();
        try {
            ParkApi api = new ParkApi(vertx, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            Set<String> served = new TreeSet<>();
            for (Route route : api.router().getRoutes()) {
                if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                    continue; // the body handler, the 404 and the failure handler
                }
                route.methods().forEach(m -> served.add(m.name() + " " + route.getPath()));
            }
            assertThat(served).isEqualTo(documented);
        } finally {
            vertx.close();
        }
    }
}
