package com.securemodel.core.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Chooses the deployment of an endpoint that serves one call, by the targets' traffic percentages.
 *
 * <p>Each call falls into one of 100 buckets, and bucket {@code b} goes to the first target whose cumulative
 * percentage exceeds {@code b} (90/10: buckets 0-89 to the first, 90-99 to the second). Without a sticky key the
 * bucket is random per call. With one (an OpenAI {@code user}, PaiTIENT's {@code X-Sticky-Key}) it is a hash of the
 * endpoint id and the key, so one user stays on one deployment as long as the split stays; a shift moves only the
 * users whose buckets change hands (90/10 to 50/50 moves buckets 50-89 to the second deployment, nobody back).
 */
public final class TrafficSplitter {

    static final int BUCKETS = 100;

    private final Supplier<? extends RandomGenerator> random;

    /** Random buckets from {@link ThreadLocalRandom}. */
    public TrafficSplitter() {
        this(ThreadLocalRandom::current);
    }

    /** @param random where the bucket of a call without a sticky key comes from (a seeded one in tests) */
    public TrafficSplitter(Supplier<? extends RandomGenerator> random) {
        this.random = random;
    }

    /**
     * @param stickyKey null or blank: a random bucket
     * @return the id of the deployment that serves this call
     */
    public String pick(Endpoint endpoint, String stickyKey) {
        int bucket = stickyKey == null || stickyKey.isBlank() ? random.get().nextInt(BUCKETS)
                : bucket(endpoint.id(), stickyKey);
        return target(endpoint.targets(), bucket);
    }

    static String target(List<Endpoint.Target> targets, int bucket) {
        int cumulative = 0;
        for (Endpoint.Target target : targets) {
            cumulative += target.trafficPercentage();
            if (bucket < cumulative) {
                return target.deploymentId();
            }
        }
        return targets.getLast().deploymentId(); // unreachable while the percentages sum to 100
    }

    /** @return the sticky bucket of a key on one endpoint: the first 8 bytes of SHA-256, modulo 100 */
    static int bucket(String endpointId, String stickyKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((endpointId + '\n' + stickyKey).getBytes(StandardCharsets.UTF_8));
            return (int) Math.floorMod(ByteBuffer.wrap(hash).getLong(), (long) BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
