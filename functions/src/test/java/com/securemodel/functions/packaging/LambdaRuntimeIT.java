package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.LambdaApplication;
import com.securemodel.localstack.lambda.FakeRuntimeApi;
import com.securemodel.localstack.lambda.LambdaJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda jar as Lambda's managed Java runtime runs it: the runtime interface client's {@code AWSLambda} with
 * Spring Cloud Function's {@code FunctionInvoker} as handler, in a new JVM, against a fake Runtime API. Started as a
 * SnapStart function is at publication ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), so the client also runs
 * the checkpoint hooks (the priming) and asks for {@code restore/next} before the first invocation: {@code /health}.
 */
class LambdaRuntimeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void awsJar_throughTheRuntimeInterfaceClient_primesBeforeTheSnapshot_andAnswersHealth(@TempDir Path taskRoot)
            throws Exception {
        // given
        Path log = taskRoot.resolve("function.log");
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            String requestId = api.enqueue(Files.readString(Path.of("..", "events", "apigw", "health.json")));
            var spec = new LambdaJvm.Spec(Path.of(System.getProperty("java.home"), "bin", "java"),
                    List.of(awsJar(), LambdaJvm.runtimeInterfaceClientJar()), LambdaJvm.FUNCTION_INVOKER, 2048,
                    environment(taskRoot), taskRoot, log);

            // when
            Process function = LambdaJvm.start(spec, api);
            try {
                FakeRuntimeApi.Outcome outcome = api.await(requestId, Duration.ofMinutes(2));

                // then
                String output = Files.readString(log);
                assertThat(outcome.error()).as(output).isFalse();
                JsonNode response = JSON.readTree(outcome.body());
                assertThat(response.path("statusCode").asInt()).as(output).isEqualTo(200);
                assertThat(JSON.readTree(response.path("body").asText()).path("status").asText()).isEqualTo("ok");
                assertThat(api.restores()).as("restore/next after the checkpoint hooks").isEqualTo(1);
                assertThat(output).contains("Starting AOT-processed LambdaApplication")
                        .contains("Primed 4 sample events before the snapshot")
                        .doesNotContain("sk-local-dev");
            } finally {
                function.destroyForcibly().waitFor();
            }
        }
    }

    private static Map<String, String> environment(Path taskRoot) {
        return Map.ofEntries(
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"),
                Map.entry("SPRING_CLOUD_FUNCTION_DEFINITION", "httpApi"),
                // as infra-cdk's ServiceFunction sets them: the start class processed ahead of time, AOT on
                Map.entry("MAIN_CLASS", LambdaApplication.class.getName()),
                Map.entry("JAVA_TOOL_OPTIONS",
                        "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=128m"
                                + " -Dspring.aot.enabled=true"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("SECUREMODEL_TABLE_NAME", "securemodel"),
                Map.entry("SECUREMODEL_REGION", "us-east-1"),
                Map.entry("SECUREMODEL_PROVISIONING_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/0/provisioning"),
                Map.entry("SECUREMODEL_ASYNC_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/0/async"),
                Map.entry("SECUREMODEL_MODEL_JOB_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/0/model-jobs"),
                Map.entry("SECUREMODEL_SAGEMAKER_ROLE_ARN", "arn:aws:iam::000000000000:role/securemodel-sagemaker"),
                Map.entry("DJL_CACHE_DIR", taskRoot.resolve("djl").toString()));
    }

    private static Path awsJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-aws.jar in target: the package phase builds it"))
                    .toAbsolutePath();
        }
    }
}
