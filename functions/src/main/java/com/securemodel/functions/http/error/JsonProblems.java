package com.securemodel.functions.http.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body in the API's words, from the location and path Jackson records (never
 * from Jackson's message, which quotes input and names Java classes).
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static String describe(JsonProcessingException problem) {
        return switch (problem) {
            case UnrecognizedPropertyException unknown -> unknownField(unknown);
            case MismatchedInputException mismatch when mismatch.getPath().isEmpty()
                    && mismatch.getTargetType() != null && !isScalar(mismatch.getTargetType()) ->
                    "The request body must be a JSON object";
            case MismatchedInputException mismatch when !mismatch.getPath().isEmpty() ->
                    "Field '" + path(mismatch) + "' must be " + typeName(mismatch.getTargetType());
            case JsonMappingException mapping when !mapping.getPath().isEmpty()
                    && mapping.getCause() instanceof InputCoercionException range ->
                    "Field '" + path(mapping) + "' is out of range for " + typeName(range.getTargetType());
            case JsonMappingException mapping when !mapping.getPath().isEmpty() ->
                    "Field '" + path(mapping) + "' has an invalid value";
            case InputCoercionException range -> "Field '" + path(range) + "' is out of range for "
                    + typeName(range.getTargetType());
            case JsonEOFException eof -> "The request body is not valid JSON: it ends too early" + at(eof);
            default -> "The request body is not valid JSON" + at(problem);
        };
    }

    private static String unknownField(UnrecognizedPropertyException unknown) {
        String where = unknown.getPath().size() > 1
                ? " in '" + path(unknown.getPath().subList(0, unknown.getPath().size() - 1)) + "'" : "";
        List<String> known = new ArrayList<>();
        if (unknown.getKnownPropertyIds() != null) {
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
        }
        known.sort(null);
        return "Unknown field '" + unknown.getPropertyName() + "'" + where
                + (known.isEmpty() ? "" : "; known fields: " + String.join(", ", known));
    }

    private static String at(JsonProcessingException problem) {
        if (problem.getLocation() == null || problem.getLocation().getLineNr() < 1) {
            return "";
        }
        return " (line " + problem.getLocation().getLineNr() + ", column " + problem.getLocation().getColumnNr() + ")";
    }

    private static String path(JsonMappingException mapping) {
        return path(mapping.getPath());
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The path of the value a streaming error stopped at, from the parser's context. */
    private static String path(InputCoercionException range) {
        if (!(range.getProcessor() instanceof JsonParser parser)) {
            return "?";
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inObject() && context.getCurrentName() != null) {
                parts.addFirst(context.getCurrentName());
            } else if (context.inArray()) {
                parts.addFirst("[" + context.getCurrentIndex() + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            path.append(part.startsWith("[") || path.isEmpty() ? "" : ".").append(part);
        }
        return path.toString();
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class
                || CharSequence.class.isAssignableFrom(type) || type.isEnum();
    }

    static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }
}
