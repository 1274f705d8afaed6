package com.securemodel.core.fakes;

import com.securemodel.core.idempotency.IdempotencyClaim;
import com.securemodel.core.idempotency.IdempotencyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link IdempotencyStore} in memory: claims are put-if-absent, replace and release compare-and-set. */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<String, IdempotencyClaim> claims = new ConcurrentHashMap<>();

    @Override
    public Optional<IdempotencyClaim> claim(IdempotencyClaim claim) {
        return Optional.ofNullable(claims.putIfAbsent(key(claim), claim));
    }

    @Override
    public boolean replace(IdempotencyClaim held, IdempotencyClaim fresh) {
        return claims.replace(key(held), held, fresh);
    }

    @Override
    public void release(IdempotencyClaim claim) {
        claims.remove(key(claim), claim);
    }

    public Optional<IdempotencyClaim> find(IdempotencyClaim like) {
        return Optional.ofNullable(claims.get(key(like)));
    }

    private static String key(IdempotencyClaim claim) {
        return claim.clientId().value() + "#" + claim.scope() + "#" + claim.key();
    }
}
