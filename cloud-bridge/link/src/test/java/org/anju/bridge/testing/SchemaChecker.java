package org.anju.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

/**
 * The contract's JSON Schemas (2020-12) checked by a validator nobody here wrote
 * (vertx-json-schema, from the Vert.x stack): what the tests hold a message to is what the
 * published schema says, read as any other implementation would.
 */
public final class SchemaChecker {
    /** Loaded once each: properties check thousands of messages against the same few schemas. */
    private static final java.util.Map<String, SchemaChecker> LOADED = new java.util.concurrent.ConcurrentHashMap<>();
    private final String name;
    private final Validator validator;

    private SchemaChecker(String name, JsonObject schema) {
        this.name = name;
        this.validator = Validator.create(JsonSchema.of(schema), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://anju.invalid/" + name).setOutputFormat(OutputFormat.Basic));
    }

    /** The schema at {@code resource} on the class path, e.g. {@code contract/event-batch.schema.json}. */
    public static SchemaChecker load(String resource) {
        return LOADED.computeIfAbsent(resource, SchemaChecker::read);
    }

    private static SchemaChecker read(String resource) {
        try (InputStream in = SchemaChecker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource);
            }
            return new SchemaChecker(resource, new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException | DecodeException e) {
            throw new IllegalArgumentException(resource + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** Every way {@code json} breaks the schema, each naming where; empty when it conforms. */
    public List<String> problems(byte[] json) {
        Object value;
        try {
            value = Json.decodeValue(Buffer.buffer(json));
        } catch (DecodeException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        OutputUnit result = validator.validate(value);
        List<String> problems = new ArrayList<>();
        if (!Boolean.TRUE.equals(result.getValid())) {
            if (result.getErrors() == null || result.getErrors().isEmpty()) {
                problems.add(result.getInstanceLocation() + ": " + result.getError());
            } else {
                for (OutputUnit error : result.getErrors()) {
                    problems.add(error.getInstanceLocation() + " (" + error.getKeywordLocation() + "): " + error.getError());
                }
            }
        }
        return problems;
    }

    public List<String> problems(JsonNode value) {
        return problems(value.toString().getBytes(StandardCharsets.UTF_8));
    }
}
