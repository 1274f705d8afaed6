package com.securemodel.functions.http.error;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A request body that Jackson could not read (malformed JSON, a wrong type, an unknown field). Its cause stays
 * for {@link ErrorResponses}, which turns it into a 400 naming the field and the expected type; Jackson's own
 * message never reaches the client.
 */
public class InvalidBodyException extends RuntimeException {

    public InvalidBodyException(JsonProcessingException cause) {
        super("unreadable request body", cause);
    }

    @Override
    public synchronized JsonProcessingException getCause() {
        return (JsonProcessingException) super.getCause();
    }
}
