package com.securemodel.functions.http.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.securemodel.functions.http.routing.StrictJson;

/**
 * The OpenAI dialect's JSON: snake_case names; requests read strictly as OpenAI does (an unknown argument is an
 * error, numbers are not read from strings, {@code 1.5} is not an integer), except that an explicit {@code null}
 * means "not given", as OpenAI's API takes it; responses written with every field, nulls included, because the
 * SDKs expect fields such as {@code finish_reason} and {@code logprobs} to be present.
 */
public final class OpenAiJson {

    private OpenAiJson() {
    }

    public static ObjectMapper create() {
        return StrictJson.coercions(StrictJson.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build());
    }
}
