package com.securemodel.core.error;

/**
 * The API error codes of the PaiTIENT reference, with the HTTP status each maps to by default. The Bytez and
 * OpenAI-compatible dialects translate these into their own error shapes.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    PERMISSION_DENIED("permission_denied", 403),
    RESOURCE_NOT_FOUND("resource_not_found", 404),
    QUOTA_EXCEEDED("quota_exceeded", 403),
    RATE_LIMIT_EXCEEDED("rate_limit_exceeded", 429),
    DEPLOYMENT_ERROR("deployment_error", 409),
    INSTANCE_TYPE_UNAVAILABLE("instance_type_unavailable", 400),
    MODEL_NOT_FOUND("model_not_found", 404),
    VALIDATION_ERROR("validation_error", 400),
    /** Not in the reference: a dependency (SageMaker, DynamoDB) failed; the message never carries its details. */
    SERVICE_UNAVAILABLE("service_unavailable", 503),
    /** Not in the reference: a bug; the client sees only the request id. */
    INTERNAL("internal_error", 500);

    private final String wire;
    private final int httpStatus;

    ErrorCode(String wire, int httpStatus) {
        this.wire = wire;
        this.httpStatus = httpStatus;
    }

    /** @return the code as the API writes it, for example {@code validation_error} */
    public String wire() {
        return wire;
    }

    /** @return the HTTP status this code maps to unless the exception names another */
    public int httpStatus() {
        return httpStatus;
    }
}
