package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * Request validation with SageMaker's own wording ("1 validation error detected: ..."), so that messages read
 * like the real service's.
 */
final class Names {

    static final String NAME_PATTERN = "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    private Names() {
    }

    /** The required resource name {@code field} of {@code request}, checked against SageMaker's name pattern. */
    static String requireName(JsonNode request, String field) {
        String value = requireText(request, field);
        if (!NAME.matcher(value).matches()) {
            throw constraint(value, field, "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        return value;
    }

    static String requireText(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw AwsErrorException.validation("1 validation error detected: Value null at '" + memberName(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    static AwsErrorException constraint(Object value, String field, String constraint) {
        return AwsErrorException.validation("1 validation error detected: Value '" + value + "' at '"
                + memberName(field) + "' failed to satisfy constraint: " + constraint);
    }

    /** Resource names are unique regardless of case, as in SageMaker (its ARNs are lower case). */
    static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    private static String memberName(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
