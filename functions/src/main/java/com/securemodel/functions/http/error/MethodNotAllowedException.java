package com.securemodel.functions.http.error;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** A route exists for the path but not for the method: 405 {@code invalid_request_error} with {@code Allow}. */
public class MethodNotAllowedException extends ServiceException {

    private final SortedSet<String> allowed;

    public MethodNotAllowedException(String method, String path, Set<String> allowed) {
        super(ErrorCode.INVALID_REQUEST, 405, "Method " + method + " is not allowed on " + path + "; allowed: "
                + String.join(", ", new TreeSet<>(allowed)), null);
        this.allowed = new TreeSet<>(allowed);
    }

    /** @return the value of the {@code Allow} header */
    public String allowHeader() {
        return String.join(", ", allowed);
    }
}
