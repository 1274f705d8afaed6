package com.securemodel.core.model;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.generation.GenerateResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a model's benchmark from the first run of it that generated at least {@link #MIN_TOKENS} tokens: its
 * tokens per second and the memory its load was placed for. Each process writes a model's benchmark at most once
 * (and reads the catalog once per model to know whether one exists), so runs cost nothing after that.
 */
public final class ModelBenchmarker {

    /** Shorter generations say little about throughput. */
    static final int MIN_TOKENS = 8;

    private final ModelCatalog catalog;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public ModelBenchmarker(ModelCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Called after a run on {@code deployment} finished with {@code result} in {@code elapsed}. */
    public void afterRun(Deployment deployment, GenerateResult result, Duration elapsed) {
        String model = deployment.modelName();
        int tokens = result.usage().completionTokens();
        if (tokens < MIN_TOKENS || elapsed.isZero() || elapsed.isNegative() || known.contains(model)) {
            return;
        }
        if (catalog.benchmark(model).isEmpty()) {
            double seconds = elapsed.toNanos() / 1e9;
            catalog.recordBenchmark(new ModelBenchmark(model, deployment.instanceType(),
                    deployment.hosting() == null ? null : deployment.hosting().precision(), tokens / seconds,
                    deployment.hosting() == null ? 0 : deployment.hosting().estimatedGpuMemoryGib(),
                    clock.instant()));
        }
        known.add(model);
    }
}
