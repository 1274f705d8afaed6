package com.securemodel.core.endpoint;

import com.securemodel.core.tenant.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A named, stable address of a client's generation traffic: a plain endpoint points at one running deployment (one
 * target at 100 %), a canary endpoint splits traffic between several by weight. Clients call it by id
 * ({@code /v1/endpoints/{id}/generate}) or by name (an OpenAI {@code model}); repointing it changes no client.
 *
 * @param targets the deployments and their traffic percentages (integers summing to 100), in the order given
 * @param version incremented by every stored change (optimistic locking)
 */
public record Endpoint(ClientId clientId, String id, String name, Kind kind, List<Target> targets,
                       Instant createdAt, Instant updatedAt, long version) {

    /** A plain endpoint or a canary endpoint; each has its own id prefix and routes. */
    public enum Kind {
        ENDPOINT("ep", "endpoint"),
        CANARY("cep", "canary endpoint");

        private static final Pattern WELL_FORMED_ID = Pattern.compile("c?ep_[A-Za-z0-9_-]{1,60}");

        private final String idPrefix;
        private final String words;

        Kind(String idPrefix, String words) {
            this.idPrefix = idPrefix;
            this.words = words;
        }

        public String idPrefix() {
            return idPrefix;
        }

        /** @return how messages name it, for example {@code canary endpoint} */
        public String words() {
            return words;
        }

        /**
         * @return the kind whose ids look like {@code id}, or null for anything that cannot be one of ours (another
         *         prefix, too long, odd characters), which then never reaches the store
         */
        public static Kind ofId(String id) {
            if (id == null || !WELL_FORMED_ID.matcher(id).matches()) {
                return null;
            }
            return id.startsWith("cep_") ? CANARY : ENDPOINT;
        }
    }

    /** One deployment behind an endpoint and the share of calls it serves. */
    public record Target(String deploymentId, int trafficPercentage) {
    }

    public Endpoint {
        targets = List.copyOf(targets);
    }

    /** @return the deployment a plain endpoint points at (the first target of a canary) */
    public String deploymentId() {
        return targets.getFirst().deploymentId();
    }

    public Endpoint withTargets(List<Target> next, Instant now) {
        return new Endpoint(clientId, id, name, kind, next, createdAt, now, version);
    }

    public Endpoint nextVersion() {
        return new Endpoint(clientId, id, name, kind, targets, createdAt, updatedAt, version + 1);
    }
}
