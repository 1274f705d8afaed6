package com.securemodel.localstack.sagemaker.internal;

/**
 * The model container (TGI) refused the request: HTTP 400 for a body that is not JSON, 422 for a body TGI cannot
 * deserialize or whose parameters fail its validation. SageMaker wraps it in a {@code ModelError}.
 */
final class ContainerRejection extends RuntimeException {

    private final int status;
    private final String errorType;

    ContainerRejection(int status, String message) {
        this(status, message, "validation");
    }

    ContainerRejection(int status, String message, String errorType) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    int status() {
        return status;
    }

    /** TGI's error body: {@code {"error": ..., "error_type": ...}}. */
    String tgiBody() {
        return Json.string(Json.object().put("error", getMessage()).put("error_type", errorType));
    }
}
