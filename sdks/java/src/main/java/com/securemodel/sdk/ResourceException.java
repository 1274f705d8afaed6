package com.securemodel.sdk;

/**
 * A problem with the requested resource: no such deployment, endpoint, webhook or model (404), or one in the wrong
 * state (409 {@code deployment_error}).
 */
public class ResourceException extends SecureModelException {

    public ResourceException(String code, String message, String requestId, int status, Throwable cause) {
        super(code, message, requestId, status, cause);
    }
}
