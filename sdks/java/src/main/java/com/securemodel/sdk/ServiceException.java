package com.securemodel.sdk;

/** The service failed (5xx) or could not be reached (status 0) after every retry. */
public class ServiceException extends SecureModelException {

    public ServiceException(String code, String message, String requestId, int status, Throwable cause) {
        super(code, message, requestId, status, cause);
    }
}
