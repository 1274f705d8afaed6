package com.securemodel.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models the service can deploy ({@code GET /v1/models}): the built-in ones, then those Bytez jobs added to
 * the service-wide {@link ModelCatalog}.
 */
public final class ModelRegistry {

    /** The local test model: random weights, served by the local cloud's llama.cpp emulator. */
    public static final String TINY_TEST_MODEL = "securemodel/tiny-random-llama";

    private final List<ModelInfo> models;
    private final ModelCatalog catalog;

    public ModelRegistry(List<ModelInfo> models) {
        this(models, ModelCatalog.EMPTY);
    }

    private ModelRegistry(List<ModelInfo> models, ModelCatalog catalog) {
        this.models = List.copyOf(models);
        this.catalog = catalog;
    }

    /** @return this registry, also answering with the models of {@code catalog} (after its own) */
    public ModelRegistry with(ModelCatalog catalog) {
        return new ModelRegistry(models, catalog);
    }

    /** @return whether {@code id} is one of the built-in models (not one a job added) */
    public boolean builtIn(String id) {
        return models.stream().anyMatch(m -> m.id().equals(id));
    }

    /**
     * The built-in catalog: the reference's model, a few real open models with their published shapes, and the
     * tiny local test model. Context lengths are the windows the service serves by default (the Llama 3.1 models
     * support 128K tokens, but a KV cache that large fits no T4 or A10G instance at useful concurrency).
     */
    public static ModelRegistry builtIn() {
        return new ModelRegistry(List.of(
                new ModelInfo("ZimaBlueAI/HuatuoGPT-o1-8B", "HuatuoGPT", "o1-8B",
                        "Clinical assistant model trained for healthcare applications",
                        8_030_000_000L, 4096, true, 32, 8, 128),
                new ModelInfo("meta-llama/Llama-3.1-8B-Instruct", "Llama 3.1 Instruct", "8B",
                        "Meta's general-purpose instruction-tuned model (served with an 8K context window)",
                        8_030_000_000L, 8192, true, 32, 8, 128),
                new ModelInfo("mistralai/Mistral-7B-Instruct-v0.3", "Mistral Instruct", "7B-v0.3",
                        "Mistral AI's instruction-tuned 7B model (served with an 8K context window)",
                        7_248_000_000L, 8192, true, 32, 8, 128),
                new ModelInfo("meta-llama/Llama-3.1-70B-Instruct", "Llama 3.1 Instruct", "70B",
                        "Meta's large instruction-tuned model (served with an 8K context window); needs several "
                                + "GPUs, for example g4dn.12xlarge in int4",
                        70_550_000_000L, 8192, false, 80, 8, 128),
                new ModelInfo(TINY_TEST_MODEL, "Tiny random Llama", "1.0",
                        "Random weights for local testing: real loading and inference, meaningless text",
                        150_000L, 2048, false, 2, 4, 16)));
    }

    public List<ModelInfo> list() {
        List<CatalogModel> added = catalog.list();
        if (added.isEmpty()) {
            return models;
        }
        List<ModelInfo> all = new ArrayList<>(models);
        added.stream().filter(m -> !builtIn(m.id())).map(CatalogModel::toModelInfo).forEach(all::add);
        return List.copyOf(all);
    }

    public Optional<ModelInfo> find(String id) {
        Optional<ModelInfo> own = models.stream().filter(m -> m.id().equals(id)).findFirst();
        return own.isPresent() || id == null ? own : catalog.find(id).map(CatalogModel::toModelInfo);
    }

    /** @return the ids of every built-in model, comma separated, for messages that list what exists */
    public String ids() {
        return String.join(", ", models.stream().map(ModelInfo::id).toList());
    }
}
