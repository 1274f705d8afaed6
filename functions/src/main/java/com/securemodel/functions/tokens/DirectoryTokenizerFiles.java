package com.securemodel.functions.tokens;

import com.securemodel.functions.tokens.internal.ModelIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tokenizer files in a directory: {@code <root>/<model id>/tokenizer.json}. Local mode uses
 * {@code <models dir>/tokenizers} (the models directory is {@code SECUREMODEL_MODELS_DIR}, else
 * {@code ~/.securemodel/models}), so {@code securemodel/tiny-random-llama}'s file would be
 * {@code ~/.securemodel/models/tokenizers/securemodel/tiny-random-llama/tokenizer.json}.
 */
public final class DirectoryTokenizerFiles implements TokenizerFiles {

    private final Path root;

    public DirectoryTokenizerFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> read(String modelId, String fileName) throws IOException {
        if (!ModelIds.canNameFile(modelId)) {
            return Optional.empty();
        }
        Path file = root.resolve(modelId).resolve(fileName).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > ModelIds.MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + ModelIds.MAX_FILE_BYTES + " bytes");
        }
        return Optional.of(Files.readAllBytes(file));
    }
}
