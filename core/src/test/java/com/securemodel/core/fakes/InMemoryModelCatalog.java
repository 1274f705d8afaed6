package com.securemodel.core.fakes;

import com.securemodel.core.model.CatalogModel;
import com.securemodel.core.model.ModelBenchmark;
import com.securemodel.core.model.ModelCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link ModelCatalog} in memory; counts writes. */
public final class InMemoryModelCatalog implements ModelCatalog {

    private final Map<String, CatalogModel> rows = new ConcurrentHashMap<>();
    public final AtomicInteger writes = new AtomicInteger();

    @Override
    public Optional<CatalogModel> find(String modelId) {
        return Optional.ofNullable(rows.get(modelId));
    }

    @Override
    public List<CatalogModel> list() {
        return rows.values().stream().sorted(Comparator.comparing(CatalogModel::id)).toList();
    }

    @Override
    public void add(CatalogModel model) {
        writes.incrementAndGet();
        rows.put(model.id(), model);
    }

    private final Map<String, ModelBenchmark> benchmarks = new ConcurrentHashMap<>();

    @Override
    public Optional<ModelBenchmark> benchmark(String modelId) {
        return Optional.ofNullable(benchmarks.get(modelId));
    }

    @Override
    public Map<String, ModelBenchmark> benchmarks() {
        return Map.copyOf(benchmarks);
    }

    @Override
    public void recordBenchmark(ModelBenchmark benchmark) {
        writes.incrementAndGet();
        benchmarks.putIfAbsent(benchmark.modelId(), benchmark);
    }
}
