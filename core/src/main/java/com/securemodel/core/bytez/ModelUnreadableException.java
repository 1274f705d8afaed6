package com.securemodel.core.bytez;

/** A model whose artifacts cannot be read; the message says why and what to do, for the job's answer. */
public class ModelUnreadableException extends RuntimeException {

    public ModelUnreadableException(String message) {
        super(message);
    }

    public ModelUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
