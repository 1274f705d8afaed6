package com.securemodel.functions.http.error;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;

/** No route template matches the request path: 404 {@code invalid_request_error}. */
public class RouteNotFoundException extends ServiceException {

    public RouteNotFoundException(String method, String path) {
        super(ErrorCode.INVALID_REQUEST, 404, "No route " + method + " " + path, null);
    }
}
