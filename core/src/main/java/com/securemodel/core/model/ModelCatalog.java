package com.securemodel.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Port: the service-wide catalog of models that Bytez jobs made available. Public metadata only, shared by every
 * client, keyed by model id (not by tenant).
 */
public interface ModelCatalog {

    /** A catalog with nothing in it (tests and tools that have no store). */
    ModelCatalog EMPTY = new ModelCatalog() {
        @Override
        public Optional<CatalogModel> find(String modelId) {
            return Optional.empty();
        }

        @Override
        public List<CatalogModel> list() {
            return List.of();
        }

        @Override
        public void add(CatalogModel model) {
            throw new UnsupportedOperationException("this catalog is read-only");
        }

        @Override
        public Optional<ModelBenchmark> benchmark(String modelId) {
            return Optional.empty();
        }

        @Override
        public java.util.Map<String, ModelBenchmark> benchmarks() {
            return java.util.Map.of();
        }

        @Override
        public void recordBenchmark(ModelBenchmark benchmark) {
            throw new UnsupportedOperationException("this catalog is read-only");
        }
    };

    Optional<CatalogModel> find(String modelId);

    /** @return every model, sorted by id */
    List<CatalogModel> list();

    /** Adds or replaces a model (idempotent: a redelivered job writes the same item). */
    void add(CatalogModel model);

    /** @return what was measured of a model serving (built-in or added), if anything */
    Optional<ModelBenchmark> benchmark(String modelId);

    /** @return every benchmark, by model id */
    java.util.Map<String, ModelBenchmark> benchmarks();

    /** Stores a model's benchmark unless one exists (the first measurement stays). */
    void recordBenchmark(ModelBenchmark benchmark);
}
