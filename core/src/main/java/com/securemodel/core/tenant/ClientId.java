package com.securemodel.core.tenant;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.util.regex.Pattern;

/** A client (tenant) id, as sent in {@code X-Client-ID}. Every stored row belongs to exactly one. */
public record ClientId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ClientId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new ServiceException(ErrorCode.AUTHENTICATION, "X-Client-ID must be 1-64 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
