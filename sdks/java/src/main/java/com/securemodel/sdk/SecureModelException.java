package com.securemodel.sdk;

/**
 * An error answered by the PaiTIENT API (or the transport in front of it): the API's error {@code code}, its
 * {@code message}, the {@code request_id} to quote when reporting a problem and the HTTP status (0 when no answer
 * arrived). The subclasses are the reference's five categories.
 */
public class SecureModelException extends RuntimeException {

    private final String code;
    private final String requestId;
    private final int status;

    public SecureModelException(String code, String message, String requestId, int status, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.requestId = requestId;
        this.status = status;
    }

    /** The API's error code, for example {@code validation_error} or {@code resource_not_found}. */
    public String code() {
        return code;
    }

    /** The {@code request_id} of the answer ({@code X-Request-ID}), or null when none arrived. */
    public String requestId() {
        return requestId;
    }

    /** The HTTP status, or 0 when the service could not be reached. */
    public int status() {
        return status;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + status + " " + code + ": " + getMessage()
                + (requestId == null ? "" : " (request " + requestId + ")");
    }
}
