package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.LambdaApplication;
import com.securemodel.localstack.lambda.CustomRuntimeBundle;
import com.securemodel.localstack.lambda.FakeRuntimeApi;
import com.securemodel.localstack.lambda.LambdaJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda jar as a custom-runtime bundle (infra-cdk's {@code -c httpApiBundle=DIR}, the cold start without
 * SnapStart): assembled from the built {@code aws} jar and the checked-in {@code bootstrap}, its AOT cache trained by
 * the bundle's own runtime on sample events, then started as Lambda starts a custom runtime with
 * {@code -XX:AOTMode=on}, under which a cache that does not fit the runtime stops the JVM instead of being skipped.
 * Needs a JDK 25 or later to run the build (the bundle's runtime image comes from it); skipped with the reason
 * otherwise.
 */
class CustomRuntimeBundleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events", "apigw");

    @Test
    void bundle_trainedOnSampleEvents_startsFromItsAotCache_andAnswersAsTheJarDoes(@TempDir Path work)
            throws Exception {
        assumeTrue(CustomRuntimeBundle.supported(), "the bundle's AOT cache needs a JDK 25 or later to run the build"
                + " (this is " + Runtime.version() + ")");
        // given: the bundle, trained on health, a refused key and an unknown route (none needs a store)
        Path bundle = Path.of("target", "custom-runtime-bundle");
        CustomRuntimeBundle.assemble(bundle, awsJar(), Path.of("src", "lambda", "custom-runtime", "bootstrap"));
        Path trainingLog = work.resolve("training.log");
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            Process training = LambdaJvm.startCustomRuntime(spec(bundle,
                    CustomRuntimeBundle.trainingEnvironment(bundle, environment(work, "")), trainingLog), api);
            try {
                for (String event : List.of("health.json", "missing-auth.json", "unknown-route.json")) {
                    FakeRuntimeApi.Outcome outcome = api.await(api.enqueue(Files.readString(EVENTS.resolve(event))),
                            Duration.ofMinutes(2));
                    assertThat(outcome.error()).as(Files.readString(trainingLog)).isFalse();
                }
            } finally {
                CustomRuntimeBundle.finishTraining(training, bundle);
            }
        }
        Path log = work.resolve("function.log");
        Path classes = work.resolve("classes.log");

        // when
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            String requestId = api.enqueue(Files.readString(EVENTS.resolve("health.json")));
            Process function = LambdaJvm.startCustomRuntime(spec(bundle,
                    environment(work, "-XX:AOTMode=on -Xlog:class+load=info:file=" + classes), log), api);
            try {
                FakeRuntimeApi.Outcome outcome = api.await(requestId, Duration.ofMinutes(2));

                // then
                String output = Files.readString(log);
                assertThat(outcome.error()).as(output).isFalse();
                JsonNode response = JSON.readTree(outcome.body());
                assertThat(response.path("statusCode").asInt()).as(output).isEqualTo(200);
                assertThat(JSON.readTree(response.path("body").asText()).path("status").asText()).isEqualTo("ok");
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

    private static LambdaJvm.Spec spec(Path bundle, Map<String, String> environment, Path log) {
        return new LambdaJvm.Spec(Path.of("java"), List.of(), LambdaJvm.FUNCTION_INVOKER, 2048, environment,
                bundle.toAbsolutePath(), log);
    }

    /** As infra-cdk's ServiceFunction sets it for the HTTP API function, plus {@code extraToolOptions}. */
    private static Map<String, String> environment(Path work, String extraToolOptions) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi");
        env.put("MAIN_CLASS", LambdaApplication.class.getName());
        env.put("JAVA_TOOL_OPTIONS", ("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=128m"
                + " -Dspring.aot.enabled=true " + extraToolOptions).trim());
        env.put("AWS_REGION", "us-east-1");
        env.put("SECUREMODEL_TABLE_NAME", "securemodel");
        env.put("SECUREMODEL_REGION", "us-east-1");
        env.put("SECUREMODEL_PROVISIONING_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/0/provisioning");
        env.put("SECUREMODEL_ASYNC_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/0/async");
        env.put("SECUREMODEL_MODEL_JOB_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/0/model-jobs");
        env.put("SECUREMODEL_SAGEMAKER_ROLE_ARN", "arn:aws:iam::000000000000:role/securemodel-sagemaker");
        env.put("DJL_CACHE_DIR", work.resolve("djl").toString());
        return env;
    }

    private static Path awsJar() throws java.io.IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-aws.jar in target: the package phase builds it"));
        }
    }
}
