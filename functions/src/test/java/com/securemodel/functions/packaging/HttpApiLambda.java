package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.LambdaApplication;
import com.securemodel.localstack.lambda.FakeRuntimeApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What the ITs that start the Lambda jar in a new JVM share: the HTTP API function's environment and jar. */
final class HttpApiLambda {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpApiLambda() {
    }

    /**
     * The HTTP API function's environment as infra-cdk's ServiceFunction sets it (the start class processed ahead of
     * time, Spring AOT on, C1 only), with {@code extraToolOptions} appended to {@code JAVA_TOOL_OPTIONS}.
     */
    static Map<String, String> environment(Path work, String extraToolOptions) {
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

    /** The functions module's shaded {@code aws} jar (absolute: a function's JVM runs in its task root). */
    static Path awsJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-aws.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-aws.jar in target: the package phase builds it"))
                    .toAbsolutePath();
        }
    }

    /** Asserts that {@code outcome} is the {@code /health} answer: 200 with status ok. */
    static void assertHealthy(FakeRuntimeApi.Outcome outcome, String functionLog) throws IOException {
        assertThat(outcome.error()).as(functionLog).isFalse();
        JsonNode response = JSON.readTree(outcome.body());
        assertThat(response.path("statusCode").asInt()).as(functionLog).isEqualTo(200);
        assertThat(JSON.readTree(response.path("body").asText()).path("status").asText()).isEqualTo("ok");
    }
}
