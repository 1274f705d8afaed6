package com.securemodel.functions.http.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.error.ServiceException;
import com.securemodel.functions.http.error.InvalidBodyException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads JSON request bodies into DTO records with a dialect's mapper. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @throws ServiceException invalid_request_error when the body is empty
     * @throws InvalidBodyException when the body is not JSON of the expected shape
     * @throws ServiceException invalid_request_error when content follows the JSON value
     */
    public static <T> T read(ObjectMapper mapper, ApiRequest request, Class<T> type) {
        if (!request.hasBody()) {
            throw ServiceException.invalidRequest("The request body is required: a JSON object");
        }
        try (JsonParser parser = mapper.createParser(request.body())) {
            T value = mapper.readValue(parser, type);
            if (value == null) {
                throw ServiceException.invalidRequest("The request body must be a JSON object, not null");
            }
            if (parser.nextToken() != null) {
                throw ServiceException.invalidRequest(
                        "The request body is not valid JSON: more content follows the JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidBodyException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
