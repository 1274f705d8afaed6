package com.securemodel.functions.http.paitient;

import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.error.ErrorFormat;

/** The PaiTIENT error body: {@code {"error": {"code", "message", "request_id"}}}. */
public final class PaitientErrorFormat implements ErrorFormat {

    /** The body, written with snake_case names. */
    public record Body(Detail error) {
    }

    /** The error object inside the body. */
    public record Detail(String code, String message, String requestId) {
    }

    @Override
    public Object body(ApiError error) {
        return new Body(new Detail(error.code(), error.message(), error.requestId()));
    }
}
