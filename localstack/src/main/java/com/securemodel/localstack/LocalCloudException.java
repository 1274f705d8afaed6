package com.securemodel.localstack;

/** A part of the local cloud failed to start or stop; the message says which part and what to fix. */
public class LocalCloudException extends RuntimeException {

    /**
     * @param message what failed and what to do about it
     * @param cause the underlying failure
     */
    public LocalCloudException(String message, Throwable cause) {
        super(message, cause);
    }
}
