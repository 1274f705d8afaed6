package com.securemodel.localstack.llm;

import java.nio.file.Path;

/** Maps model ids (for example {@code ZimaBlueAI/HuatuoGPT-o1-8B}) to GGUF files in a models directory. */
public interface ModelCatalog {

    /**
     * @return the GGUF file for this model id; the tiny test model is generated on first use
     * @throws ModelLoadException when the id is unknown or its file is missing; the message names the file
     *         expected and how to provide it
     */
    Path resolve(String modelId);
}
