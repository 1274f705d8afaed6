package com.securemodel.functions.http.paitient.internal;

import java.util.List;

/** The body of {@code POST /v1/webhooks}: the receiving URL and the {@code deployment.*} events it wants. */
public record CreateWebhookBody(String url, List<String> events) {
}
