package com.securemodel.functions.tokens;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a model's GGUF file, whose header carries the model's vocabulary and chat template. Only local mode has
 * one (the local cloud's model catalog, see {@link LocalTokenizerConfiguration}); on AWS there is none.
 */
@FunctionalInterface
public interface GgufModels {

    GgufModels NONE = modelId -> Optional.empty();

    /** @return the model's GGUF file, or empty when this model has none */
    Optional<Path> find(String modelId);
}
