package com.securemodel.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.sdk.internal.Transport;
import java.io.IOException;
import java.util.stream.Stream;

/** Reads the text pieces out of an OpenAI-style completion event stream ({@code data: {...}} lines, {@code [DONE]}). */
final class ServerSentEvents {

    private ServerSentEvents() {
    }

    static Stream<String> texts(Stream<String> lines) {
        return lines.filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5).trim())
                .takeWhile(data -> !data.equals("[DONE]"))
                .map(ServerSentEvents::text)
                .filter(text -> !text.isEmpty());
    }

    private static String text(String data) {
        JsonNode event;
        try {
            event = Transport.JSON.readTree(data);
        } catch (IOException e) {
            throw new ServiceException("invalid_response", "The stream carried an event that is not JSON", null, 200,
                    e);
        }
        JsonNode error = event.path("error");
        if (error.isObject()) {
            throw new ServiceException(error.path("code").asText("stream_error"),
                    error.path("message").asText("The generation failed while streaming"), null, 200, null);
        }
        return event.path("choices").path(0).path("text").asText("");
    }
}
