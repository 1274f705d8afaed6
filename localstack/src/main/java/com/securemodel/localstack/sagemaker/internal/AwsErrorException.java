package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the emulator answers in an AWS error shape: the HTTP status, the error code the SDK maps to its
 * exception class, and the JSON body (which carries the message and any modeled members).
 */
final class AwsErrorException extends RuntimeException {

    private final int httpStatus;
    private final String code;
    private final ObjectNode body;

    AwsErrorException(int httpStatus, String code, String message, ObjectNode body) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
        this.body = body;
    }

    /** Control-plane errors (AWS JSON 1.1): {@code {"__type": code, "message": ...}}, HTTP 400. */
    static AwsErrorException controlPlane(String code, String message) {
        ObjectNode body = Json.object().put("__type", code).put("message", message);
        return new AwsErrorException(400, code, message, body);
    }

    /** {@code ValidationException}, what SageMaker answers for unknown names, duplicates and bad values. */
    static AwsErrorException validation(String message) {
        return controlPlane("ValidationException", message);
    }

    /** Runtime errors (REST-JSON): the code travels in {@code x-amzn-ErrorType}, the body holds the members. */
    static AwsErrorException runtime(int httpStatus, String code, ObjectNode body) {
        String message = body.path("message").asText(body.path("Message").asText(code));
        return new AwsErrorException(httpStatus, code, message, body);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public ObjectNode body() {
        return body;
    }
}
