package com.securemodel.localstack.llm;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@link ModelCatalog} over a models directory. Known ids: the built-in ones ({@value TinyModelGenerator#MODEL_ID},
 * generated on first use, and {@code ZimaBlueAI/HuatuoGPT-o1-8B}), the lines {@code model-id=file.gguf} of
 * {@code <modelsDir>/catalog.properties} (paths relative to the directory or absolute), and any
 * {@code <modelsDir>/<name>.gguf} for an id whose last path segment is {@code <name>}.
 */
public final class FileModelCatalog implements ModelCatalog {

    /** Environment variable naming the models directory, for {@link #defaultModelsDir(Map, String)}. */
    public static final String MODELS_DIR_ENV = "SECUREMODEL_MODELS_DIR";
    public static final String CATALOG_FILE = "catalog.properties";
    private static final Map<String, String> BUILT_IN = Map.of(
            TinyModelGenerator.MODEL_ID, TinyModelGenerator.FILE_NAME,
            "ZimaBlueAI/HuatuoGPT-o1-8B", "HuatuoGPT-o1-8B-Q4_K_M.gguf");

    private final Path modelsDir;

    public FileModelCatalog(Path modelsDir) {
        this.modelsDir = modelsDir.toAbsolutePath();
    }

    /**
     * The models directory: {@value #MODELS_DIR_ENV} when set, else {@code ~/.securemodel/models}.
     *
     * @param env the environment, for example {@code System.getenv()}
     * @param userHome the user's home, for example {@code System.getProperty("user.home")}
     */
    public static Path defaultModelsDir(Map<String, String> env, String userHome) {
        String dir = env.get(MODELS_DIR_ENV);
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(userHome, ".securemodel", "models");
    }

    public Path modelsDir() {
        return modelsDir;
    }

    @Override
    public Path resolve(String modelId) {
        Map<String, String> entries = entries();
        String file = entries.get(modelId);
        if (file == null) {
            Path byName = modelsDir.resolve(modelId.substring(modelId.lastIndexOf('/') + 1) + ".gguf");
            if (Files.isRegularFile(byName)) {
                return byName;
            }
            throw new ModelLoadException("unknown model id '" + modelId + "'; known ids: "
                    + String.join(", ", entries.keySet()) + ". To add one, put its GGUF file in " + modelsDir
                    + " and add the line '" + modelId + "=<file>.gguf' to " + modelsDir.resolve(CATALOG_FILE)
                    + " (or name the file " + byName.getFileName() + ")");
        }
        Path path = modelsDir.resolve(file);
        if (modelId.equals(TinyModelGenerator.MODEL_ID) && file.equals(TinyModelGenerator.FILE_NAME)) {
            generateTinyModel(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException("no GGUF file for model '" + modelId + "': expected " + path + ". Download a "
                    + "GGUF of that model (for example a Q4_K_M quant) and place it there, or point the id at another "
                    + "file with the line '" + modelId + "=/path/to/file.gguf' in " + modelsDir.resolve(CATALOG_FILE));
        }
        return path;
    }

    /** Built-in entries overridden by the catalog file's, sorted by id. */
    private Map<String, String> entries() {
        Map<String, String> entries = new TreeMap<>(BUILT_IN);
        Path catalog = modelsDir.resolve(CATALOG_FILE);
        if (Files.isRegularFile(catalog)) {
            var props = new Properties();
            try (Reader in = Files.newBufferedReader(catalog)) {
                props.load(in);
            } catch (IOException e) {
                throw new ModelLoadException("cannot read " + catalog + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(id -> entries.put(id, props.getProperty(id).trim()));
        }
        return entries;
    }

    private static synchronized void generateTinyModel(Path path) {
        if (Files.isRegularFile(path)) {
            return;
        }
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
            try {
                TinyModelGenerator.write(tmp);
                moveAtomically(tmp, path);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot write the tiny model to " + path + ": " + e.getMessage(), e);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
