package com.securemodel.functions.snapstart;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SnapStart hooks ({@code org.crac}, which Lambda's Java runtime calls). Before the snapshot: a preparation step
 * (the AWS clients are built: no connection is opened and no credential resolved until a first call), then sample
 * events through the HTTP function's routes, so that the restored copy has its classes loaded and its JSON, routing and
 * error paths warm; the events need no credentials and reach no AWS service (health, requests refused before any key
 * lookup, unknown routes, bad bodies), so the snapshot holds no credentials, connections or cached keys. After the
 * restore: a new random source for ids, so that copies of one snapshot never make the same ids.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">Lambda SnapStart
 *      runtime hooks for Java</a>
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final Runnable prepare;
    private final Supplier<List<byte[]>> events;
    private final Consumer<byte[]> function;
    private final Runnable afterRestore;

    /**
     * @param events the sample API Gateway v2 events to run before the snapshot (none for the queue workers)
     * @param function the HTTP function as Lambda invokes it: event JSON in, response JSON out
     * @param afterRestore runs after each restore (renews the random source of ids)
     */
    public SnapStartPriming(List<byte[]> events, Consumer<byte[]> function, Runnable afterRestore) {
        this(() -> { }, () -> List.copyOf(events), function, afterRestore);
    }

    /**
     * @param prepare runs before the sample events (builds what the snapshot should hold ready)
     * @param events read when the snapshot is taken, not before: a function started without SnapStart (or before its
     *        checkpoint) spends no cold-start time on them
     */
    public SnapStartPriming(Runnable prepare, Supplier<List<byte[]>> events, Consumer<byte[]> function,
                            Runnable afterRestore) {
        this.prepare = prepare;
        this.events = events;
        this.function = function;
        this.afterRestore = afterRestore;
    }

    /** Registers these hooks with the global context (a no-op outside a checkpointing runtime). */
    public SnapStartPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        prepare.run();
        List<byte[]> samples = events.get();
        for (byte[] event : samples) {
            function.accept(event);
        }
        LOG.info("Primed {} sample events before the snapshot in {} ms", samples.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        afterRestore.run();
    }
}
