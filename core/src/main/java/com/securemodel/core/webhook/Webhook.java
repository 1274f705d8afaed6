package com.securemodel.core.webhook;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.Set;

/**
 * A client's subscription: events of {@code events} are posted to {@code url}, signed with {@code secret}.
 * {@link #toString()} leaves the secret out, so that no log line carries it.
 */
public record Webhook(ClientId clientId, String id, String url, Set<EventType> events, String secret,
                      Instant createdAt) {

    public Webhook {
        events = Set.copyOf(events);
    }

    public boolean wants(EventType type) {
        return events.contains(type);
    }

    @Override
    public String toString() {
        return "Webhook[" + clientId.value() + "/" + id + ", events=" + events + "]";
    }
}
