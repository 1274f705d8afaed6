package com.securemodel.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.constructs.Node;

/**
 * The deploy-time parameters of the stack, read from CDK context ({@code cdk deploy -c key=value} or
 * {@code cdk.json}).
 *
 * @param functionsJar path of the functions module's shaded {@code aws} jar (the Lambda code asset)
 * @param batchRunnerDir folder holding the batch runner's {@code Dockerfile} (the ECS image asset)
 * @param endpointPrefix prefix of every SageMaker model, endpoint config and endpoint the service creates
 * @param allowedInstanceTypes SageMaker instance types the service may deploy on
 * @param vpcMode functions and the batch runner in private subnets with VPC endpoints, SageMaker models
 *     with network isolation
 * @param apiRateLimit steady-state requests per second of the HTTP API stage
 * @param apiBurstLimit burst requests of the HTTP API stage
 * @param batchMaxTasks upper bound of batch runner tasks
 * @param streamingTimeoutSeconds timeout of the streaming function, which bounds the longest generation a client
 *     can stream through the Function URL; up to 900 (15 minutes, the Lambda and Function URL maximum), the
 *     default, since a function is billed for the time it runs, not for its timeout
 * @param alarmEmail address subscribed to the alarm topic, if any
 * @param httpApiBundle folder of a custom-runtime bundle for the HTTP API function (written by the cold-start
 *     benchmark's {@code bundle=DIR}: a Java runtime image, the functions jar and an AOT cache trained with that
 *     runtime), which then runs on {@code provided.al2023} without SnapStart for a cold start of ~1.1-1.3 s instead of
 *     ~2.2-2.7 s (README "Cold start"); unset: the managed Java 21 runtime with SnapStart, as every other function
 * @see <a href="https://docs.aws.amazon.com/cdk/v2/guide/context.html">CDK runtime context</a>
 */
public record StackSettings(
    String functionsJar,
    String batchRunnerDir,
    String endpointPrefix,
    List<String> allowedInstanceTypes,
    boolean vpcMode,
    int apiRateLimit,
    int apiBurstLimit,
    int batchMaxTasks,
    int streamingTimeoutSeconds,
    Optional<String> alarmEmail,
    Optional<String> httpApiBundle) {

  public static final int MAX_STREAMING_TIMEOUT_SECONDS = 900;
  public static final String DEFAULT_FUNCTIONS_JAR = "../functions/target/functions-0.1.0-SNAPSHOT-aws.jar";
  public static final List<String> G4DN_INSTANCE_TYPES = List.of(
      "ml.g4dn.xlarge", "ml.g4dn.2xlarge", "ml.g4dn.4xlarge",
      "ml.g4dn.8xlarge", "ml.g4dn.12xlarge", "ml.g4dn.16xlarge");

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");

  public StackSettings {
    if (!PREFIX.matcher(endpointPrefix).matches()) {
      throw new IllegalArgumentException(
          "endpointPrefix must be 1-16 lower-case letters or digits starting with a letter: " + endpointPrefix);
    }
    if (allowedInstanceTypes.isEmpty() || allowedInstanceTypes.stream().anyMatch(t -> !t.startsWith("ml."))) {
      throw new IllegalArgumentException("allowedInstanceTypes must list SageMaker types (ml.*): "
          + allowedInstanceTypes);
    }
    if (streamingTimeoutSeconds < 1 || streamingTimeoutSeconds > MAX_STREAMING_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("streamingTimeoutSeconds must be 1-" + MAX_STREAMING_TIMEOUT_SECONDS
          + " (Lambda's maximum): " + streamingTimeoutSeconds);
    }
    allowedInstanceTypes = List.copyOf(allowedInstanceTypes);
  }

  /** Reads every parameter from the context of {@code node}, with the documented defaults. */
  public static StackSettings fromContext(Node node) {
    return new StackSettings(
        string(node, "functionsJar").orElse(DEFAULT_FUNCTIONS_JAR),
        string(node, "batchRunnerDir").orElse("../batch-runner"),
        string(node, "endpointPrefix").orElse("sms"),
        list(node, "allowedInstanceTypes").orElse(G4DN_INSTANCE_TYPES),
        string(node, "vpc").map(Boolean::parseBoolean).orElse(false),
        string(node, "apiRateLimit").map(Integer::parseInt).orElse(50),
        string(node, "apiBurstLimit").map(Integer::parseInt).orElse(100),
        string(node, "batchMaxTasks").map(Integer::parseInt).orElse(4),
        string(node, "streamingTimeoutSeconds").map(Integer::parseInt).orElse(MAX_STREAMING_TIMEOUT_SECONDS),
        string(node, "alarmEmail").filter(s -> !s.isBlank()),
        string(node, "httpApiBundle").filter(s -> !s.isBlank()));
  }

  private static Optional<String> string(Node node, String key) {
    return Optional.ofNullable(node.tryGetContext(key)).map(String::valueOf);
  }

  private static Optional<List<String>> list(Node node, String key) {
    Object value = node.tryGetContext(key);
    if (value instanceof List<?> values) {
      return Optional.of(values.stream().map(String::valueOf).toList());
    }
    return Optional.ofNullable(value)
        .map(v -> Arrays.stream(String.valueOf(v).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }
}
