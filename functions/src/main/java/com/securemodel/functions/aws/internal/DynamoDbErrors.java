package com.securemodel.functions.aws.internal;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns a DynamoDB failure into the domain's error, with the SDK exception as the cause. */
public final class DynamoDbErrors {

    private DynamoDbErrors() {
    }

    /**
     * Throttling, a 5xx or a network failure (no answer from DynamoDB) is a 503 worth a retry; anything else DynamoDB
     * refuses (a validation error, an item too large) would fail again the same way: a bug, a 500 that the error
     * mapping logs once and answers with the request id only.
     */
    public static ServiceException unavailable(String what, SdkException cause) {
        if (cause instanceof AwsServiceException aws && !aws.isThrottlingException() && aws.statusCode() >= 400
                && aws.statusCode() < 500) {
            return new ServiceException(ErrorCode.INTERNAL, "DynamoDB refused to " + what, cause);
        }
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The service's storage is unavailable (" + what
                + "); retry shortly", cause);
    }
}
