package com.securemodel.functions.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securemodel.localstack.lambda.FakeRuntimeApi;
import com.securemodel.localstack.lambda.LambdaJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda jar as Lambda's managed Java runtime runs it: the runtime interface client's {@code AWSLambda} with
 * Spring Cloud Function's {@code FunctionInvoker} as handler, in a new JVM, against a fake Runtime API. Once started as
 * a SnapStart function is at publication ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), so the client also runs
 * the checkpoint hooks (the priming) and asks for {@code restore/next} before the first invocation, {@code /health};
 * once as a cold start without SnapStart, with the classes it loads logged.
 */
class LambdaRuntimeIT {

    /** A line of {@code -Xlog:class+load}: the class's name before its source. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_LOAD = Pattern.compile("\\[class,load\\s*\\] (\\S+) source: ");

    @Test
    void awsJar_throughTheRuntimeInterfaceClient_primesBeforeTheSnapshot_andAnswersHealth(@TempDir Path taskRoot)
            throws Exception {
        // when
        FunctionRun run = call(taskRoot, snapStartEnvironment(taskRoot), "health.json");

        // then
        assertThat(run.restores()).as("restore/next after the checkpoint hooks").isEqualTo(1);
        assertThat(run.log()).contains("Starting AOT-processed LambdaApplication")
                .contains("Primed 4 sample events before the snapshot")
                .doesNotContain("sk-local-dev");
    }

    /**
     * What a cold start leaves out stays out: answering {@code /health}, then a call without credentials to each
     * dialect (which makes the route tables and the services behind them, the AWS clients' beans among them, and is
     * refused before any AWS call: the events that SnapStart's priming sends), the function loads neither the client
     * interfaces of SageMaker's control plane, S3 and Application Auto Scaling (see {@code SageMakerControlPlane}) nor
     * Spring's CGLIB (no bean is a CGLIB subclass, see {@code LambdaApplication}): some 40 ms of a cold start's main
     * thread in all. The S3 client's bean is made on the way (a refused call makes no SageMaker client bean; that
     * no lambda of the configuration names an interface, {@code LazyAwsClientsTest} checks).
     */
    @Test
    void awsJar_coldStart_loadsNoUnusedAwsClientInterfaceNorCglib(@TempDir Path taskRoot) throws Exception {
        // when
        FunctionRun run = call(taskRoot, HttpApiLambda.environment(taskRoot, "-Xlog:class+load=info:stdout"),
                "health.json", "missing-auth.json", "method-not-allowed.json", "openai-chat-completions.json");

        // then
        Set<String> loaded = run.log().lines().map(CLASS_LOAD::matcher).filter(Matcher::find)
                .map(match -> match.group(1)).collect(Collectors.toSet());
        assertThat(loaded).as("the classes the function loaded")
                .contains("com.securemodel.functions.http.HttpApiLambdaFunction",
                        // the S3 client's bean was made: made by a lambda, it would load the interface
                        "com.securemodel.functions.config.S3Storage$Build")
                .doesNotContain("software.amazon.awssdk.services.sagemaker.SageMakerClient",
                        "software.amazon.awssdk.services.s3.S3Client",
                        "software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient",
                        "org.springframework.cglib.proxy.Enhancer");
        List<Integer> refused = new ArrayList<>();
        for (FakeRuntimeApi.Outcome answer : run.answers().subList(1, run.answers().size())) {
            refused.add(JSON.readTree(answer.body()).path("statusCode").asInt());
        }
        assertThat(refused).containsExactly(401, 405, 401);
    }

    /** The function's log, its answers in order, and how often it asked for {@code restore/next}. */
    private record FunctionRun(String log, List<FakeRuntimeApi.Outcome> answers, int restores) {
    }

    /**
     * Starts the aws jar with {@code env} against a fake Runtime API and hands it the sample events {@code events}
     * (of {@code events/apigw}, without their credentials) one after the other; the first must be {@code /health}, and
     * is checked.
     */
    private static FunctionRun call(Path taskRoot, Map<String, String> env, String... events) throws Exception {
        Path log = taskRoot.resolve("function.log");
        try (FakeRuntimeApi api = FakeRuntimeApi.start()) {
            List<String> requestIds = new ArrayList<>();
            for (String event : events) {
                ObjectNode sample = (ObjectNode) JSON.readTree(Path.of("..", "events", "apigw", event).toFile());
                ((ObjectNode) sample.path("headers")).remove(List.of("authorization", "api-key"));
                requestIds.add(api.enqueue(JSON.writeValueAsString(sample)));
            }
            var spec = new LambdaJvm.Spec(Path.of(System.getProperty("java.home"), "bin", "java"),
                    List.of(HttpApiLambda.awsJar(), LambdaJvm.runtimeInterfaceClientJar()), LambdaJvm.FUNCTION_INVOKER,
                    2048, env, taskRoot, log);
            Process function = LambdaJvm.start(spec, api);
            try {
                List<FakeRuntimeApi.Outcome> answers = new ArrayList<>();
                for (String requestId : requestIds) {
                    answers.add(api.await(requestId, Duration.ofMinutes(2)));
                }
                String output = Files.readString(log);
                HttpApiLambda.assertHealthy(answers.get(0), output);
                return new FunctionRun(output, answers, api.restores());
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
