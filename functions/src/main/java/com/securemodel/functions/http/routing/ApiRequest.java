package com.securemodel.functions.http.routing;

import com.securemodel.core.tenant.ClientId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request after routing: what handlers read. Built from an API Gateway v2 event (Lambda, or the local
 * web server's translation of a servlet request).
 *
 * @param headers header values by lower-case name
 * @param body the decoded body, empty when there is none
 * @param clientId the authenticated client, null on unauthenticated routes
 */
public record ApiRequest(String method, String path, Map<String, String> pathParameters, QueryParameters query,
                         Map<String, String> headers, byte[] body, String requestId, ClientId clientId) {

    public ApiRequest {
        pathParameters = Map.copyOf(pathParameters);
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** @return the path parameter named in the route's template */
    public String pathParameter(String name) {
        return Objects.requireNonNull(pathParameters.get(name), () -> "no path parameter " + name);
    }

    /** @return the header value (name case-insensitive), or null */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /** @return a copy matched to a route: its path parameters and the caller */
    public ApiRequest routed(Map<String, String> parameters, ClientId client) {
        return new ApiRequest(method, path, parameters, query, headers, body, requestId, client);
    }

    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + path + ", requestId=" + requestId + "]";
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
