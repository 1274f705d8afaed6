package com.securemodel.core.limits;

import com.securemodel.core.ExpiringCache;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.tenant.ClientId;
import java.time.Clock;
import java.time.Duration;

/**
 * A client's {@link Tier}: the one its {@link TierStore} item names, else the default. Remembered per client for a
 * short time (60 s by default), so a tier change reaches a warm instance within that time. A stored name that is no
 * longer configured falls back to the default tier.
 */
public final class TierResolver {

    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    private static final System.Logger LOG = System.getLogger(TierResolver.class.getName());

    private final TierCatalog catalog;
    private final TierStore store;
    private final Clock clock;
    private final ExpiringCache<ClientId, Tier> remembered;

    public TierResolver(TierCatalog catalog, TierStore store, Clock clock, Duration cacheTtl) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.remembered = new ExpiringCache<>(clock, cacheTtl);
    }

    /** Every client on the catalog's default tier, nothing stored (tools and tests). */
    public static TierResolver fixed(TierCatalog catalog) {
        return new TierResolver(catalog, null, Clock.systemUTC(), Duration.ZERO);
    }

    public Tier tierOf(ClientId clientId) {
        if (store == null) {
            return catalog.defaultTier();
        }
        return remembered.get(clientId, () -> lookUp(clientId));
    }

    private Tier lookUp(ClientId clientId) {
        String name = store.find(clientId).orElse(null);
        return catalog.find(name).orElseGet(() -> {
            if (name != null) {
                LOG.log(System.Logger.Level.WARNING, "Client {0} has tier ''{1}'', which is not configured: the"
                        + " default tier applies", clientId.value(), name);
            }
            return catalog.defaultTier();
        });
    }

    /**
     * Sets a client's tier (the admin command's step).
     *
     * @throws ServiceException validation_error naming the configured tiers when {@code tier} is not one
     */
    public Tier assign(ClientId clientId, String tier) {
        Tier found = catalog.find(tier).orElseThrow(() -> ServiceException.validation("No tier '" + tier
                + "': the configured tiers are " + catalog.names()));
        store.set(clientId, found.name(), clock.instant());
        remembered.forget(clientId);
        return found;
    }
}
