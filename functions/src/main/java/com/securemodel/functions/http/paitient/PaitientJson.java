package com.securemodel.functions.http.paitient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.securemodel.functions.http.routing.StrictJson;

/**
 * The PaiTIENT dialect's JSON: snake_case names, strict reading, nulls left out of responses.
 *
 * <p>Strict reading means a request says exactly what it means: unknown fields are refused (a typo such as
 * {@code max_token} would otherwise be ignored silently), numbers are never read from strings nor
 * {@code 1.5} truncated to an integer, booleans are JSON booleans, null is refused inside lists and maps,
 * duplicate keys are errors (and trailing content, see
 * {@link com.securemodel.functions.http.routing.RequestBodies}). Each of these becomes a 400 naming the field.
 */
public final class PaitientJson {

    private PaitientJson() {
    }

    public static ObjectMapper create() {
        return StrictJson.coercions(StrictJson.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build());
    }
}
