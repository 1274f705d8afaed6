package com.securemodel.functions.http.bytez;

import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.error.ErrorFormat;
import java.util.Map;

/** Bytez's error body, {@code {"error": "<message>"}}: bytez.js throws {@code json.error} for any non-2xx answer. */
public final class BytezErrorFormat implements ErrorFormat {

    @Override
    public Object body(ApiError error) {
        return Map.of("error", error.message());
    }
}
