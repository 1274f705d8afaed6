package com.securemodel.functions.tokens;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a model's Hugging Face tokenizer files come from: {@code tokenizer.json} and, beside it,
 * {@code tokenizer_config.json} (whose {@code chat_template} renders messages). Locally a directory
 * ({@link DirectoryTokenizerFiles}), on AWS the service bucket ({@link S3TokenizerFiles}).
 */
@FunctionalInterface
public interface TokenizerFiles {

    String TOKENIZER = "tokenizer.json";
    String TOKENIZER_CONFIG = "tokenizer_config.json";

    /** No tokenizer files anywhere (no bucket configured). */
    TokenizerFiles NONE = (modelId, fileName) -> Optional.empty();

    /**
     * @param modelId the catalog model id, for example {@code meta-llama/Llama-3.1-8B-Instruct}
     * @param fileName {@link #TOKENIZER} or {@link #TOKENIZER_CONFIG}
     * @return the file's bytes, or empty when the model has no such file (or its id cannot name a file)
     * @throws IOException when the file exists but cannot be read
     */
    Optional<byte[]> read(String modelId, String fileName) throws IOException;
}
