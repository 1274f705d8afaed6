package com.securemodel.functions.http.error;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns an exception into an HTTP error: {@link ServiceException} keeps its status, code and
 * message; an unreadable body is a 400 {@code invalid_request_error} naming the field and the expected type;
 * anything else is a 500 {@code internal_error} that tells the client only the request id (the stack trace goes
 * to the log, once, here).
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static ApiError describe(Throwable error, String requestId) {
        return switch (error) {
            case MethodNotAllowedException notAllowed -> fromService(notAllowed, requestId,
                    Map.of("Allow", notAllowed.allowHeader()));
            case ServiceException service when service.httpStatus() >= 500 -> serverSide(service, requestId);
            case ServiceException service -> fromService(service, requestId, Map.of());
            case InvalidBodyException body -> new ApiError(400, ErrorCode.INVALID_REQUEST.wire(),
                    JsonProblems.describe(body.getCause()), requestId, Map.of());
            default -> internal(error, requestId);
        };
    }

    private static ApiError fromService(ServiceException service, String requestId, Map<String, String> headers) {
        LOG.debug("Request failed: {} {}", service.httpStatus(), service.code().wire());
        return new ApiError(service.httpStatus(), service.code().wire(), service.getMessage(), requestId, headers);
    }

    private static ApiError serverSide(ServiceException service, String requestId) {
        if (service.code() == ErrorCode.INTERNAL) {
            return internal(service, requestId);
        }
        LOG.warn("Request failed: {} {}", service.httpStatus(), service.code().wire(), service);
        return new ApiError(service.httpStatus(), service.code().wire(), service.getMessage(), requestId, Map.of());
    }

    private static ApiError internal(Throwable error, String requestId) {
        LOG.error("Internal error", error);
        return new ApiError(500, ErrorCode.INTERNAL.wire(),
                "Internal error; quote request id " + requestId + " when you report it", requestId, Map.of());
    }
}
