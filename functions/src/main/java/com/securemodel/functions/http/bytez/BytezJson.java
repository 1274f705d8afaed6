package com.securemodel.functions.http.bytez;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.routing.StrictJson;

/**
 * The Bytez dialect's JSON: camelCase names as the reference writes them ({@code expirationPeriodSeconds});
 * requests read strictly (an unknown field is an error that names it, numbers are not read from strings, {@code 1.5}
 * is not an integer), an explicit {@code null} means "not given"; responses written with nulls, as the reference
 * shows them ({@code "startTime": null}).
 */
public final class BytezJson {

    private BytezJson() {
    }

    public static ObjectMapper create() {
        return StrictJson.coercions(StrictJson.builder().build());
    }
}
