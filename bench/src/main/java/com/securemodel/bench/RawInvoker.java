package com.securemodel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Posts a TGI body to the emulator's runtime route with a plain JDK HTTP client: the server's cost alone. */
final class RawInvoker {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;

    RawInvoker(URI emulator, String endpointName) {
        this.uri = emulator.resolve("/endpoints/" + endpointName + "/invocations");
    }

    /** @return the generated text */
    String invoke(String body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("emulator answered " + response.statusCode() + ": " + response.body());
            }
            return SageMakerClients.generatedText(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
