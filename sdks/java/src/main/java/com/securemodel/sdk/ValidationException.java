package com.securemodel.sdk;

/**
 * Invalid input: a malformed or out-of-range value, an unknown field, a taken name, a reused {@code Idempotency-Key}
 * (400, 409, 413, 415).
 */
public class ValidationException extends SecureModelException {

    public ValidationException(String code, String message, String requestId, int status, Throwable cause) {
        super(code, message, requestId, status, cause);
    }
}
