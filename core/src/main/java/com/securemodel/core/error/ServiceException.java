package com.securemodel.core.error;

/**
 * The one exception hierarchy of the service: every failure a client may see carries its {@link ErrorCode}, an
 * HTTP status and a message that says what to fix. Messages never contain prompts, completions, keys or a
 * library's own exception text.
 */
public class ServiceException extends RuntimeException {

    private final ErrorCode code;
    private final int httpStatus;

    public ServiceException(ErrorCode code, String message) {
        this(code, code.httpStatus(), message, null);
    }

    public ServiceException(ErrorCode code, String message, Throwable cause) {
        this(code, code.httpStatus(), message, cause);
    }

    public ServiceException(ErrorCode code, int httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public ErrorCode code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static ServiceException validation(String message) {
        return new ServiceException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static ServiceException invalidRequest(String message) {
        return new ServiceException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(ErrorCode.RESOURCE_NOT_FOUND, message);
    }
}
