package com.securemodel.localstack.llm;

import java.nio.file.Path;

/** Loads a GGUF file into a {@link TextGenerator}. */
public interface ModelLoader {

    /**
     * @throws ModelLoadException with a reason a user can act on (file missing, not a GGUF, truncated, ...)
     */
    TextGenerator load(String modelId, Path gguf);
}
