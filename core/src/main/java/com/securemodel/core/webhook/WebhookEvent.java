package com.securemodel.core.webhook;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to one of a client's deployments, as its webhooks receive it.
 *
 * @param id unique per event ({@code evt_...}); receivers deduplicate on it (delivery is at least once)
 * @param data flat values only (strings, numbers, booleans), in order; never prompts or completions
 */
public record WebhookEvent(ClientId clientId, String id, EventType type, Instant createdAt, Map<String, Object> data) {

    public WebhookEvent {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** @return the JSON body every webhook of the event receives: {@code {"id","type","created_at","data"}} */
    public String body() {
        StringBuilder json = new StringBuilder("{\"id\":").append(Json.quote(id))
                .append(",\"type\":").append(Json.quote(type.wire()))
                .append(",\"created_at\":").append(Json.quote(createdAt.toString()))
                .append(",\"data\":{");
        boolean first = true;
        for (Map.Entry<String, Object> field : data.entrySet()) {
            if (field.getValue() == null) {
                continue;
            }
            json.append(first ? "" : ",").append(Json.quote(field.getKey())).append(':')
                    .append(Json.value(field.getValue()));
            first = false;
        }
        return json.append("}}").toString();
    }

    /** The little JSON the event bodies need (core has no JSON library). */
    static final class Json {

        private Json() {
        }

        static String value(Object value) {
            if (value instanceof Number || value instanceof Boolean) {
                return value.toString();
            }
            return quote(value.toString());
        }

        static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
