package com.securemodel.localstack.sagemaker;

import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.GenerationSpec;
import com.securemodel.localstack.llm.ModelCatalog;
import com.securemodel.localstack.llm.ModelLoadException;
import com.securemodel.localstack.llm.ModelLoader;
import com.securemodel.localstack.llm.TextGenerator;
import com.securemodel.localstack.llm.TokenListener;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test catalog and loader without llama.cpp: model {@code fake/echo} "generates" the words of its prompt, one token
 * each, and fails at the word {@code explode}; a generation blocks while {@link #gate} has no permits (when {@link #gated} is set), so tests can hold
 * instances busy. Other model ids have no file, like the real catalog.
 */
final class FakeModels implements ModelCatalog, ModelLoader {

    static final String MODEL_ID = "fake/echo";

    final Semaphore gate = new Semaphore(0);
    volatile boolean gated;
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger loaded = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile CountDownLatch started = new CountDownLatch(0);

    @Override
    public Path resolve(String modelId) {
        if (!modelId.equals(MODEL_ID)) {
            throw new ModelLoadException("No GGUF file for model " + modelId + ": expected models/"
                    + modelId.replace('/', '_') + ".gguf");
        }
        return Path.of("fake.gguf");
    }

    @Override
    public TextGenerator load(String modelId, Path gguf) {
        loaded.incrementAndGet();
        return new Echo(modelId);
    }

    private final class Echo implements TextGenerator {
        private final String modelId;

        Echo(String modelId) {
            this.modelId = modelId;
        }

        @Override
        public Generation generate(GenerationSpec spec, TokenListener onToken) {
            running.incrementAndGet();
            started.countDown();
            try {
                if (gated && !gate.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test gate never opened");
                }
                String prompt = spec.prompt() != null ? spec.prompt() : spec.messages().getLast().content();
                String[] words = prompt.split(" ");
                int count = Math.min(words.length, spec.maxNewTokens());
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    if (words[i].equals("explode")) {
                        throw new IllegalStateException("the model crashed");
                    }
                    String token = (i == 0 ? "" : " ") + words[i];
                    onToken.onToken(100 + i, token);
                    text.append(token);
                }
                return new Generation(text.toString(), count < words.length ? "length" : "eos_token", count,
                        words.length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public String modelId() {
            return modelId;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
