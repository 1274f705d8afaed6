package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.functions.LambdaApplication;
import com.securemodel.localstack.lambda.CustomRuntimeBundle;
import com.securemodel.localstack.lambda.FakeRuntimeApi;
import com.securemodel.localstack.lambda.LambdaJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda jar as a custom-runtime bundle (infra-cdk's {@code -c httpApiBundle=DIR}, the cold start without
 * SnapStart): assembled from the built {@code aws} jar and the checked-in {@code bootstrap}, its AOT cache trained by
 * the bundle's own runtime on sample events, then started as Lambda starts a custom runtime with
 * {@code -XX:AOTMode=on}, under which a cache that does not fit the runtime stops the JVM instead of being skipped.
 * The cache holds no key or prompt of the training requests (it ships in the deployment package).
 * Needs a JDK 25 or later to run the build (the bundle's runtime image comes from it); skipped with the reason
 * otherwise.
 */
class CustomRuntimeBundleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events", "apigw");
    private static final String KEY_CANARY = "sk-canary-4f1d9b7e2c";
    private static final String PROMPT_CANARY = "canary-phi-7e3a Jane Roe, MRN 0042";

    @Test
    void bundle_trainedOnSampleEvents_startsFromItsAotCache_andAnswersAsTheJarDoes(@TempDir Path work)
            throws Exception {
        assumeTrue(CustomRuntimeBundle.supported(), "the bundle's AOT cache needs a JDK 25 or later to run the build"
                + " (this is " + Runtime.version() + ")");
        // given: the bundle, trained on health, a refused key and an unknown route (none needs a store), the last
        // one carrying a key and a prompt that must not end up in the cache
        Path bundle = Path.of("target", "custom-runtime-bundle");
        CustomRuntimeBundle.assemble(bundle, HttpApiLambda.awsJar(),
                Path.of("src", "lambda", "custom-runtime", "bootstrap"));
        ObjectNode canaries = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve("unknown-route.json")));
        ((ObjectNode) canaries.path("headers")).put("authorization", "Bearer " + KEY_CANARY);
        canaries.put("body", "{\"prompt\":\"" + PROMPT_CANARY + "\"}");
        CustomRuntimeBundle.train(bundle, HttpApiLambda.environment(work, ""), List.of(
                Files.readString(EVENTS.resolve("health.json")), Files.readString(EVENTS.resolve("missing-auth.json")),
                canaries.toString()), 2048, work.resolve("training.log"));
        String cache = new String(Files.readAllBytes(bundle.resolve(CustomRuntimeBundle.CACHE)),
                StandardCharsets.ISO_8859_1);
        assertThat(cache).as("the cache holds classes (their names as symbols), not what the training requests carried")
                .contains(LambdaApplication.class.getName().replace('.', '/'))
                .doesNotContain(KEY_CANARY).doesNotContain(PROMPT_CANARY);
        Path log = work.resolve("function.log");
        Path classes = work.resolve("classes.log");

        // when
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            String requestId = api.enqueue(Files.readString(EVENTS.resolve("health.json")));
            Map<String, String> env = HttpApiLambda.environment(work,
                    "-XX:AOTMode=on -Xlog:class+load=info:file=" + classes);
            env.put("SPRING_MAIN_LOGSTARTUPINFO", "true"); // the "Starting AOT-processed ..." line, off on Lambda
            Process function = LambdaJvm.startCustomRuntime(LambdaJvm.Spec.customRuntime(LambdaJvm.FUNCTION_INVOKER,
                    2048, env, bundle, log), api);
            try {
                FakeRuntimeApi.Outcome outcome = api.await(requestId, Duration.ofMinutes(2));

                // then
                String output = Files.readString(log);
                HttpApiLambda.assertHealthy(outcome, output);
                assertThat(output).contains("Starting AOT-processed LambdaApplication");
                assertThat(Files.readAllLines(classes)).as("the function's classes come from the AOT cache")
                        .anyMatch(line -> line.contains(" " + LambdaApplication.class.getName() + " source: shared"));
                assertThat(CustomRuntimeBundle.sizeMb(bundle)).as("Lambda's limit for an unzipped package, MB")
                        .isLessThan(262);
            } finally {
                function.destroyForcibly().waitFor();
            }
        }
    }
}
