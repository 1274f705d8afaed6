package com.securemodel.functions.aws.internal;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns a DynamoDB failure into the domain's error, with the SDK exception as the cause. */
public final class DynamoDbErrors {

    private DynamoDbErrors() {
    }

    public static ServiceException unavailable(String what, SdkException cause) {
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The service's storage is unavailable (" + what
                + "); retry shortly", cause);
    }
}
