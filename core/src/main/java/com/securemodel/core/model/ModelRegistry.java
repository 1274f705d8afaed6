package com.securemodel.core.model;

import java.util.List;
import java.util.Optional;

/** The models the service can deploy ({@code GET /v1/models}). */
public final class ModelRegistry {

    private final List<ModelInfo> models;

    public ModelRegistry(List<ModelInfo> models) {
        this.models = List.copyOf(models);
    }

    /** The built-in catalog (the reference's models plus the tiny local test model). */
    public static ModelRegistry builtIn() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<ModelInfo> list() {
        return models;
    }

    public Optional<ModelInfo> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
