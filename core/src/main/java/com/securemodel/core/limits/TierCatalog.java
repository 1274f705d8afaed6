package com.securemodel.core.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configured tiers, and the one a client without a tier of its own gets. */
public final class TierCatalog {

    private final Map<String, Tier> tiers;
    private final Tier defaultTier;

    /** @param defaultTier the name of the tier of clients without one; must be among {@code tiers} */
    public TierCatalog(Iterable<Tier> tiers, String defaultTier) {
        Map<String, Tier> byName = new LinkedHashMap<>();
        for (Tier tier : tiers) {
            byName.put(tier.name(), tier);
        }
        this.tiers = Map.copyOf(byName);
        this.defaultTier = byName.get(defaultTier);
        if (this.defaultTier == null) {
            throw new IllegalArgumentException("The default tier '" + defaultTier + "' is not among the configured"
                    + " tiers " + byName.keySet() + ": set securemodel.default-tier to one of them");
        }
    }

    /** One unlimited tier for everyone (tools and tests without configuration). */
    public static TierCatalog unlimited() {
        return new TierCatalog(java.util.List.of(Tier.unlimited("unlimited")), "unlimited");
    }

    public Optional<Tier> find(String name) {
        return Optional.ofNullable(name == null ? null : tiers.get(name));
    }

    public Tier defaultTier() {
        return defaultTier;
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(tiers.keySet());
    }
}
