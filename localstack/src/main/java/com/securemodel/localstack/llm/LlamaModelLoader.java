package com.securemodel.localstack.llm;

import com.securemodel.localstack.llm.internal.GgufFile;
import com.securemodel.localstack.llm.internal.GgufInspector;
import com.securemodel.localstack.llm.internal.LlamaTextGenerator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads GGUF files into llama.cpp ({@code de.kherud:llama}, CPU) after checking them in Java with
 * {@link GgufInspector}, which names what is wrong with a bad file (llama.cpp itself only says that loading
 * failed). One thread is the default: on small models and few cores it is about ten times faster than more,
 * and deterministic for a fixed seed; give real models more threads.
 */
public final class LlamaModelLoader implements ModelLoader {

    /** Environment variable with the thread count for {@link #fromEnvironment(Map)}. */
    public static final String THREADS_ENV = "SECUREMODEL_LLAMA_THREADS";
    /** The context window is the model's trained length, capped here to keep the KV cache small. */
    public static final int MAX_CONTEXT = 4096;
    /** The binding extracts its native library here and fails when the directory does not exist. */
    private static final String NATIVE_DIR_PROPERTY = "de.kherud.llama.tmpdir";

    private final int threads;

    public LlamaModelLoader() {
        this(1);
    }

    public LlamaModelLoader(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    /** A loader with {@value #THREADS_ENV} threads when set (for example {@code System.getenv()}), else one. */
    public static LlamaModelLoader fromEnvironment(Map<String, String> env) {
        String value = env.get(THREADS_ENV);
        if (value == null || value.isBlank()) {
            return new LlamaModelLoader();
        }
        try {
            return new LlamaModelLoader(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THREADS_ENV + " must be a whole number of threads, was '" + value + "'", e);
        }
    }

    @Override
    public TextGenerator load(String modelId, Path gguf) {
        GgufFile file = GgufInspector.inspectLoadable(gguf);
        long trained = file.integer(file.architecture() + ".context_length", MAX_CONTEXT);
        int context = (int) Math.min(trained, MAX_CONTEXT);
        int vocab = file.metadata().get("tokenizer.ggml.tokens") instanceof GgufFile.ArrayInfo a ? (int) a.length() : 0;
        ensureNativeDirExists();
        LlamaModel model = open(gguf, context);
        return new LlamaTextGenerator(modelId, model, context, file.flag("tokenizer.ggml.add_bos_token", true), vocab);
    }

    private static void ensureNativeDirExists() {
        String dir = System.getProperty(NATIVE_DIR_PROPERTY);
        if (dir != null) {
            try {
                Files.createDirectories(Path.of(dir));
            } catch (IOException e) {
                throw new ModelLoadException("cannot create " + dir + " (system property " + NATIVE_DIR_PROPERTY
                        + ") for llama.cpp's native library: " + e.getMessage(), e);
            }
        }
    }

    /** Tries the model's own Jinja chat template first; llama.cpp's built-in templates if that cannot load. */
    private LlamaModel open(Path gguf, int context) {
        try {
            return new LlamaModel(parameters(gguf, context).enableJinja());
        } catch (RuntimeException jinjaFailed) {
            try {
                return new LlamaModel(parameters(gguf, context));
            } catch (RuntimeException e) {
                throw new ModelLoadException("llama.cpp could not load " + gguf.toAbsolutePath() + " although its GGUF "
                        + "header is sound (" + e.getMessage() + "); the file may be corrupt or use an architecture this "
                        + "llama.cpp build does not know: download it again or try another quantization", e);
            }
        }
    }

    private ModelParameters parameters(Path gguf, int context) {
        return new ModelParameters()
                .setModel(gguf.toAbsolutePath().toString())
                .setCtxSize(context)
                .setThreads(threads)
                .setThreadsBatch(threads)
                .disableLog();
    }
}
