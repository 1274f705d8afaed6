package com.securemodel.functions.http.bytez.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The request bodies of the Bytez routes (null: not given). */
final class BytezBodies {

    private BytezBodies() {
    }

    /** {@code /model/job}, {@code /model/status}, {@code /model/delete}. */
    record ModelBody(String model) {
    }

    /** {@code /model/load}; {@code precision} is bytez.js's option (4 or 8 bits). */
    record LoadBody(String model, Integer concurrency, Long expirationPeriodSeconds, Integer precision) {
    }

    /**
     * {@code /model/run}: {@code prompt} (the reference) or {@code input} (bytez.js: a string, or chat messages).
     */
    record RunBody(String model, String prompt, JsonNode input, Map<String, JsonNode> params, Boolean stream) {
    }
}
