package com.securemodel.sdk;

import java.util.List;

/** An API key of the client; {@code key} is answered by the create only. */
public record ApiKey(
        String id,
        String name,
        List<String> scopes,
        String createdAt,
        String last4,
        String key) {
}
