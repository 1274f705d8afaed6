package com.securemodel.localstack.llm;

/** A model could not be found or loaded; the message says what to fix. */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
