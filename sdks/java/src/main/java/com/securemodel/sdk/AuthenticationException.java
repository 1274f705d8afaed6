package com.securemodel.sdk;

/**
 * A missing or wrong API key or client id (401), or a key without the scope the call needs (403
 * {@code permission_denied}).
 */
public class AuthenticationException extends SecureModelException {

    public AuthenticationException(String code, String message, String requestId, int status, Throwable cause) {
        super(code, message, requestId, status, cause);
    }
}
