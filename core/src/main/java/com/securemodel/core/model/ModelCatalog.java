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
    };

    Optional<CatalogModel> find(String modelId);

    /** @return every model, sorted by id */
    List<CatalogModel> list();

    /** Adds or replaces a model (idempotent: a redelivered job writes the same item). */
    void add(CatalogModel model);
}
