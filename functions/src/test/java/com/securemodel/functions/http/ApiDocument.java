package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The served OpenAPI document ({@code openapi/openapi.json}) read for tests: its operations drive the harness
 * (tenant matrix, fuzzer, PHI), so a route added to the tables and to the document is covered without editing them.
 */
final class ApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: a method and path template with its dialects (tags) and security. */
    record Operation(String method, String path, List<String> dialects, JsonNode node) {

        boolean isPublic() {
            return node.path("security").isArray() && node.path("security").isEmpty();
        }

        /** @return the path parameters, in order */
        List<String> pathParameters() {
            List<String> names = new ArrayList<>();
            for (JsonNode parameter : node.path("parameters")) {
                if (parameter.path("in").asText().equals("path")) {
                    names.add(parameter.path("name").asText());
                }
            }
            return names;
        }

        boolean hasBody() {
            return node.has("requestBody");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final SchemaValidator validator;
    private final List<Operation> operations;

    private ApiDocument(JsonNode document) {
        this.document = document;
        this.validator = new SchemaValidator(document);
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                List<String> dialects = new ArrayList<>();
                op.getValue().path("tags").forEach(tag -> dialects.add(tag.asText()));
                all.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), List.copyOf(dialects),
                        op.getValue()));
            }
        }
        this.operations = List.copyOf(all);
    }

    static ApiDocument load() {
        return new ApiDocument(ApiDocumentRoutes.load(JSON));
    }

    static ApiDocument of(String json) {
        try {
            return new ApiDocument(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    JsonNode root() {
        return document;
    }

    List<Operation> operations() {
        return operations;
    }

    /** @return the request body schema of an operation, or null */
    JsonNode requestSchema(Operation operation) {
        JsonNode schema = operation.node().at("/requestBody/content/application~1json/schema");
        if (schema.isMissingNode()) {
            return null;
        }
        return schema.has("$ref") ? document.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    /** @return what in this answer the document does not describe; empty when it matches */
    List<String> check(Operation operation, APIGatewayV2HTTPResponse response) {
        String contentType = response.getHeaders() == null ? null : response.getHeaders().get("Content-Type");
        return check(operation, response.getStatusCode(), contentType, response.getBody());
    }

    List<String> check(Operation operation, int status, String contentType, String body) {
        JsonNode responses = operation.node().path("responses");
        JsonNode documented = responses.has(String.valueOf(status)) ? responses.get(String.valueOf(status))
                : responses.has(status / 100 + "XX") ? responses.get(status / 100 + "XX") : responses.get("default");
        String where = operation + " -> " + status;
        if (documented == null) {
            return List.of(where + ": status not documented");
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        JsonNode content = documented.path("content").get(mediaType);
        if (content == null) {
            return List.of(where + ": content type '" + contentType + "' not documented");
        }
        if (!mediaType.equals("application/json")) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": body is not JSON: " + body);
        }
        return validator.validate(content.path("schema"), value).stream().map(e -> where + ": " + e).toList();
    }
}
