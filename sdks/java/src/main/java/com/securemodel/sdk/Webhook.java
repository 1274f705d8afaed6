package com.securemodel.sdk;

import java.util.List;

/** A webhook subscription; {@code secret} is answered by the create only. */
public record Webhook(
        String id,
        String webhookId,
        String url,
        List<String> events,
        String createdAt,
        String secret) {
}
