package com.securemodel.functions.http.error;

/** How a dialect writes an error body (PaiTIENT: {@code {"error": {"code", "message", "request_id"}}}). */
@FunctionalInterface
public interface ErrorFormat {

    /** @return the body object, written as JSON by the dialect's mapper */
    Object body(ApiError error);
}
