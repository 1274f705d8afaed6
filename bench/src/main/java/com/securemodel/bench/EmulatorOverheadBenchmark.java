package com.securemodel.bench;

import com.securemodel.localstack.llm.FileModelCatalog;
import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.GenerationSpec;
import com.securemodel.localstack.llm.LlamaModelLoader;
import com.securemodel.localstack.llm.TextGenerator;
import com.securemodel.localstack.llm.TinyModelGenerator;
import com.securemodel.localstack.llm.TokenListener;
import com.securemodel.localstack.sagemaker.SageMakerEmulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Tokens per second of llama.cpp called directly in the JVM against the same model, prompt and parameters
 * served through {@code InvokeEndpoint} on the SageMaker emulator, and their ratio (target: >= 0.95).
 *
 * <p>Runs are interleaved (direct, emulator, direct, ...) so that noise from a shared machine hits both
 * sides alike; the median of each side is reported. Arguments: {@code iterations=N}, {@code model=ID}
 * (any catalog id; the default is the generated tiny model), {@code maxNewTokens=N}, {@code modelsDir=PATH}.
 */
public final class EmulatorOverheadBenchmark {

    private static final String PROMPT = "The patient presents with a persistent cough and";
    private static final String ENDPOINT = "bench-endpoint";

    private EmulatorOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(Stats.arg(args, "iterations", "7"));
        int maxNewTokens = Integer.parseInt(Stats.arg(args, "maxNewTokens", "256"));
        String modelId = Stats.arg(args, "model", TinyModelGenerator.MODEL_ID);
        Path modelsDir = Path.of(Stats.arg(args, "modelsDir", "target/bench-models"));
        Files.createDirectories(modelsDir);

        FileModelCatalog catalog = new FileModelCatalog(modelsDir);
        Path gguf = catalog.resolve(modelId);
        GenerationSpec spec = new GenerationSpec(PROMPT, null, maxNewTokens, null, null, null, null, List.of(), 42L,
                false);
        // The plain TGI call (no details): greedy decoding with a fixed seed is deterministic, so the emulator's
        // text is checked against the direct text and the direct token count applies to both.
        String body = "{\"inputs\":\"" + PROMPT + "\",\"parameters\":{\"max_new_tokens\":" + maxNewTokens
                + ",\"seed\":42,\"do_sample\":false}}";

        System.out.printf(Locale.ROOT, "model=%s file=%s (%d bytes) prompt=%d chars max_new_tokens=%d iterations=%d%n",
                modelId, gguf, Files.size(gguf), PROMPT.length(), maxNewTokens, iterations);

        try (TextGenerator direct = new LlamaModelLoader().load(modelId, gguf);
             SageMakerEmulator emulator = SageMakerEmulator.start(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), catalog, new LlamaModelLoader());
             SageMakerClient control = SageMakerClients.control(emulator);
             SageMakerRuntimeClient runtime = SageMakerClients.runtime(emulator)) {
            SageMakerClients.createEndpoint(control, ENDPOINT, modelId);

            // warm-up: one of each, not counted; both sides must produce the same text
            Generation reference = direct.generate(spec, TokenListener.NONE);
            requireSameText(reference, invoke(runtime, body), "InvokeEndpoint");

            RawInvoker raw = new RawInvoker(emulator.endpoint(), ENDPOINT);
            requireSameText(reference, raw.invoke(body), "plain HTTP");
            double[] directRates = new double[iterations];
            double[] emulatorRates = new double[iterations];
            double[] rawRates = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                Generation g = direct.generate(spec, TokenListener.NONE);
                long t1 = System.nanoTime();
                requireSameText(g, invoke(runtime, body), "InvokeEndpoint");
                long t2 = System.nanoTime();
                requireSameText(g, raw.invoke(body), "plain HTTP");
                long t3 = System.nanoTime();
                int emulatorTokens = g.generatedTokens();
                int rawTokens = g.generatedTokens();
                directRates[i] = g.generatedTokens() / ((t1 - t0) / 1e9);
                emulatorRates[i] = emulatorTokens / ((t2 - t1) / 1e9);
                rawRates[i] = rawTokens / ((t3 - t2) / 1e9);
                System.out.printf(Locale.ROOT, "  run %d: direct %d tokens %.1f tok/s (%.2f ms) | InvokeEndpoint %d tokens "
                        + "%.1f tok/s (%.2f ms) | plain HTTP %.1f tok/s (%.2f ms)%n", i + 1, g.generatedTokens(),
                        directRates[i], (t1 - t0) / 1e6, emulatorTokens, emulatorRates[i], (t2 - t1) / 1e6,
                        rawRates[i], (t3 - t2) / 1e6);
            }
            System.out.printf(Locale.ROOT, "plain HTTP POST (no SDK): %.1f tok/s (median; the SDK's own cost is the "
                    + "difference to InvokeEndpoint)%n", Stats.median(rawRates));
            double directMedian = Stats.median(directRates);
            double emulatorMedian = Stats.median(emulatorRates);
            double ratio = emulatorMedian / directMedian;
            System.out.printf(Locale.ROOT, "direct llama.cpp:        %.1f tok/s (median of %d)%n", directMedian,
                    iterations);
            System.out.printf(Locale.ROOT, "through InvokeEndpoint:  %.1f tok/s (median of %d)%n", emulatorMedian,
                    iterations);
            System.out.printf(Locale.ROOT, "ratio emulator/direct:   %.3f (target >= 0.95: %s)%n", ratio,
                    ratio >= 0.95 ? "met" : "NOT met");
            SageMakerClients.deleteEndpoint(control, ENDPOINT);
        }
        System.exit(0); // llama.cpp leaves a native thread that keeps the JVM alive
    }

    /** Invokes the endpoint and returns the generated text. */
    private static String invoke(SageMakerRuntimeClient runtime, String body) {
        String json = runtime.invokeEndpoint(r -> r.endpointName(ENDPOINT)
                .contentType("application/json")
                .body(SdkBytes.fromUtf8String(body))).body().asUtf8String();
        return SageMakerClients.generatedText(json);
    }

    private static void requireSameText(Generation direct, String served, String path) {
        if (!direct.text().equals(served)) {
            throw new IllegalStateException(path + " generated other text than llama.cpp called directly, so the "
                    + "token counts are not comparable");
        }
    }
}
