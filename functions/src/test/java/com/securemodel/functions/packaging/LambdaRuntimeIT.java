package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.localstack.lambda.FakeRuntimeApi;
import com.securemodel.localstack.lambda.LambdaJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda jar as Lambda's managed Java runtime runs it: the runtime interface client's {@code AWSLambda} with
 * Spring Cloud Function's {@code FunctionInvoker} as handler, in a new JVM, against a fake Runtime API. Started as a
 * SnapStart function is at publication ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), so the client also runs
 * the checkpoint hooks (the priming) and asks for {@code restore/next} before the first invocation: {@code /health}.
 */
class LambdaRuntimeIT {

    @Test
    void awsJar_throughTheRuntimeInterfaceClient_primesBeforeTheSnapshot_andAnswersHealth(@TempDir Path taskRoot)
            throws Exception {
        // when
        HealthCall call = callHealth(taskRoot, snapStartEnvironment(taskRoot));

        // then
        assertThat(call.restores()).as("restore/next after the checkpoint hooks").isEqualTo(1);
        assertThat(call.log()).contains("Starting AOT-processed LambdaApplication")
                .contains("Primed 4 sample events before the snapshot")
                .doesNotContain("sk-local-dev");
    }

    /**
     * What a cold start leaves out stays out: answering {@code /health} without SnapStart, the function loads neither
     * the client interfaces of SageMaker's control plane, S3 and Application Auto Scaling (see
     * {@code SageMakerControlPlane}) nor Spring's CGLIB (no bean is a CGLIB subclass, see {@code LambdaApplication}):
     * some 40 ms of a cold start's main thread in all.
     */
    @Test
    void awsJar_coldStartToHealth_loadsNoUnusedAwsClientInterfaceNorCglib(@TempDir Path taskRoot)
            throws Exception {
        // when
        HealthCall call = callHealth(taskRoot, HttpApiLambda.environment(taskRoot, "-Xlog:class+load=info:stdout"));

        // then
        assertThat(call.log()).contains(" com.securemodel.functions.http.HttpApiLambdaFunction source:")
                .doesNotContain(" software.amazon.awssdk.services.sagemaker.SageMakerClient source:")
                .doesNotContain(" software.amazon.awssdk.services.s3.S3Client source:")
                .doesNotContain(" software.amazon.awssdk.services.applicationautoscaling"
                        + ".ApplicationAutoScalingClient source:")
                .doesNotContain(" org.springframework.cglib.proxy.Enhancer source:");
    }

    /** The function's log and how often it asked for {@code restore/next}, once it answered {@code /health}. */
    private record HealthCall(String log, int restores) {
    }

    /** Starts the aws jar with {@code env} against a fake Runtime API, hands it {@code /health}, checks the answer. */
    private static HealthCall callHealth(Path taskRoot, Map<String, String> env) throws Exception {
        Path log = taskRoot.resolve("function.log");
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            String requestId = api.enqueue(Files.readString(Path.of("..", "events", "apigw", "health.json")));
            var spec = new LambdaJvm.Spec(Path.of(System.getProperty("java.home"), "bin", "java"),
                    List.of(HttpApiLambda.awsJar(), LambdaJvm.runtimeInterfaceClientJar()), LambdaJvm.FUNCTION_INVOKER,
                    2048, env, taskRoot, log);
            Process function = LambdaJvm.start(spec, api);
            try {
                FakeRuntimeApi.Outcome outcome = api.await(requestId, Duration.ofMinutes(2));
                String output = Files.readString(log);
                HttpApiLambda.assertHealthy(outcome, output);
                return new HealthCall(output, api.restores());
            } finally {
                function.destroyForcibly().waitFor();
            }
        }
    }

    private static Map<String, String> snapStartEnvironment(Path taskRoot) {
        Map<String, String> env = HttpApiLambda.environment(taskRoot, "");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("SPRING_MAIN_LOGSTARTUPINFO", "true"); // the "Starting AOT-processed ..." line, off on Lambda
        return env;
    }

}
