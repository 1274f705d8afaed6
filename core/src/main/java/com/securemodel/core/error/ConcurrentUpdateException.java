package com.securemodel.core.error;

/**
 * A conditional write lost a race (the row changed or already exists). Services retry or turn it into a client
 * error; adapters raise it for DynamoDB's {@code ConditionalCheckFailedException}.
 */
public class ConcurrentUpdateException extends ServiceException {

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(ErrorCode.DEPLOYMENT_ERROR, 409, message, cause);
    }
}
