package com.securemodel.functions.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Validates JSON against the subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that {@code openapi.json}
 * uses: {@code $ref} to {@code #/components/schemas/...}, {@code type} (one or a list), {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}, {@code enum}, {@code oneOf}, {@code anyOf}. A
 * keyword outside the subset fails, so the document cannot silently outgrow the checks.
 */
final class SchemaValidator {

    private static final List<String> KEYWORDS = List.of("$ref", "type", "properties", "required",
            "additionalProperties", "items", "enum", "oneOf", "anyOf", "description");

    private final JsonNode document;

    SchemaValidator(JsonNode document) {
        this.document = document;
    }

    /** @return what does not match, empty when {@code value} is valid */
    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYWORDS.contains(name)) {
                errors.add(at + ": schema keyword '" + name + "' is outside the validated subset");
            }
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, at, errors);
            return;
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(at + ": expected " + schema.get("type") + ", was " + value.getNodeType() + " " + abbreviate(value));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(at + ": " + abbreviate(value) + " is not one of " + schema.get("enum"));
        }
        if (schema.has("oneOf")) {
            long matching = count(schema.get("oneOf"), value, at);
            if (matching != 1) {
                errors.add(at + ": matches " + matching + " of oneOf, not exactly one: " + abbreviate(value));
            }
        }
        if (schema.has("anyOf") && count(schema.get("anyOf"), value, at) == 0) {
            errors.add(at + ": matches none of anyOf: " + abbreviate(value));
        }
        if (value.isObject()) {
            object(schema, value, at, errors);
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String at, List<String> errors) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(at + ": required property '" + required.asText() + "' is missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode property = properties.get(field.getKey());
            JsonNode additional = schema.get("additionalProperties");
            if (property != null) {
                check(property, field.getValue(), at + "." + field.getKey(), errors);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                errors.add(at + ": property '" + field.getKey() + "' is not in the schema");
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), at + "." + field.getKey(), errors);
            }
        }
    }

    private long count(JsonNode alternatives, JsonNode value, String at) {
        long matching = 0;
        for (JsonNode alternative : alternatives) {
            List<String> errors = new ArrayList<>();
            check(alternative, value, at, errors);
            matching += errors.isEmpty() ? 1 : 0;
        }
        return matching;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported: " + ref);
        }
        JsonNode target = document.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolved reference " + ref);
        }
        return target;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (typeMatches(one, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
