package com.securemodel.localstack.llm;

import com.securemodel.localstack.llm.internal.GgufFile;
import com.securemodel.localstack.llm.internal.GgufInspector;
import com.securemodel.localstack.llm.internal.LlamaTextGenerator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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
    /** Models whose generators were closed, by file: handed out again instead of loading the file anew. */
    private final Map<ModelKey, Deque<LlamaModel>> idle = new HashMap<>();
    private final AtomicInteger nativeLoads = new AtomicInteger();

    /** A GGUF file as it was when loaded (a changed file is loaded again) with the context it was loaded for. */
    private record ModelKey(Path file, long size, FileTime modified, int context) {
    }

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
        ModelKey key = key(gguf, context);
        LlamaModel model = takeIdle(key);
        if (model == null) {
            ensureNativeDirExists();
            model = open(gguf, context);
            nativeLoads.incrementAndGet();
        }
        return new LlamaTextGenerator(modelId, model, context, file.flag("tokenizer.ggml.add_bos_token", true), vocab,
                released -> giveBack(key, released));
    }

    /**
     * @return how many times this loader had llama.cpp load a file: closing a generator hands its model back for
     *         the next load of the same file, because {@code de.kherud:llama} 4.2.0's {@code LlamaModel.close()}
     *         frees neither the mapped file nor the context (about 28 MB of resident memory per load of the tiny
     *         model, never returned), so the emulator's memory follows the most instances loaded at once rather
     *         than every instance ever loaded
     */
    public int nativeLoads() {
        return nativeLoads.get();
    }

    private synchronized LlamaModel takeIdle(ModelKey key) {
        Deque<LlamaModel> models = idle.get(key);
        return models == null ? null : models.pollFirst();
    }

    private synchronized void giveBack(ModelKey key, LlamaModel model) {
        idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(model);
    }

    private static ModelKey key(Path gguf, int context) {
        try {
            Path real = gguf.toRealPath();
            return new ModelKey(real, Files.size(real), Files.getLastModifiedTime(real), context);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + gguf.toAbsolutePath() + ": " + e.getMessage(), e);
        }
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
