package com.securemodel.core.endpoint;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;

/** The client already has an endpoint or canary endpoint of this name: a 409 that says so. */
public final class EndpointNameTakenException extends ServiceException {

    public EndpointNameTakenException(String name, Throwable cause) {
        super(ErrorCode.VALIDATION_ERROR, 409, "An endpoint or canary endpoint named '" + name + "' already exists for"
                + " this client: choose another name, or PATCH the existing one to point elsewhere", cause);
    }
}
