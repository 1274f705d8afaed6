package com.securemodel.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ILayerVersion;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One Lambda function of the service: the functions module's {@code aws} jar with Spring Cloud Function's
 * {@code FunctionInvoker}, the bean chosen by {@code SPRING_CLOUD_FUNCTION_DEFINITION}; Java 21 with SnapStart on
 * published versions and an alias {@code live} that every trigger targets; its own role (no managed policy outside
 * VPC mode), its own KMS-encrypted log group in JSON format, environment (and snapshots) encrypted with the data key.
 * A {@link Launch} other than {@link Launch#FUNCTION_INVOKER} starts the same code another way (the web routes under
 * the Lambda Web Adapter, see {@link WebAdapter}; the same handler as a custom runtime from a bundle with an AOT
 * cache, {@link Launch#AOT_BUNDLE}).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html">Lambda SnapStart</a>
 * @see <a href="https://docs.spring.io/spring-cloud-function/reference/adapters/aws-intro.html">Spring Cloud
 *     Function AWS adapter</a>
 */
public final class ServiceFunction extends Construct {

  public static final String HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker";
  public static final String ALIAS = "live";
  /** The functions' start class on Lambda, processed ahead of time by the functions module's build. */
  public static final String LAMBDA_MAIN_CLASS = "com.securemodel.functions.LambdaApplication";
  /**
   * C1 only: a function's JVM lives for short bursts, so compiling fast beats compiling well; a metaspace threshold
   * above what the functions load, so that starting them triggers no full collection (cold start).
   */
  public static final String JAVA_TOOL_OPTIONS =
      "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=128m";

  /** Size and shape of one function. */
  public record Spec(String definition, int memoryMb, Duration timeout) {
  }

  /**
   * How Lambda starts the code: the handler, the layers (ARNs) and the environment added to the service's.
   *
   * @param roleNote appended to the role's description
   * @param customRuntime the code is a custom-runtime bundle with its own Java ({@code provided.al2023}, its
   *     {@code bootstrap} starts the handler; SnapStart exists for managed runtimes only), not a jar for the managed
   *     Java 21 runtime
   */
  public record Launch(String handler, List<String> layerArns, Map<String, String> environment, String roleNote,
      boolean customRuntime) {

    /**
     * Spring Cloud Function's {@code FunctionInvoker} on the Java runtime, starting the functions' Lambda class from
     * the bean registrations generated at build time (Spring AOT, {@code LambdaApplication}: cold start).
     */
    public static final Launch FUNCTION_INVOKER = new Launch(HANDLER, List.of(), Map.of(
        "MAIN_CLASS", LAMBDA_MAIN_CLASS,
        "JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS + " -Dspring.aot.enabled=true"), "");

    /**
     * The same handler, class and options from a custom-runtime bundle ({@code -c httpApiBundle=DIR}, see
     * {@link AotBundle}): the bundle's runtime loads the classes from an AOT cache it recorded itself, a cold start
     * of about half the managed runtime's without SnapStart.
     */
    public static final Launch AOT_BUNDLE = new Launch(HANDLER, List.of(), FUNCTION_INVOKER.environment(),
        " (custom runtime from a bundle with an AOT cache)", true);

    public Launch {
      layerArns = List.copyOf(layerArns);
      environment = Map.copyOf(environment);
    }

    /** A launch on the managed Java 21 runtime. */
    public Launch(String handler, List<String> layerArns, Map<String, String> environment, String roleNote) {
      this(handler, layerArns, environment, roleNote, false);
    }

    /** @return this launch with {@code extra} added to its environment */
    public Launch withEnvironment(Map<String, String> extra) {
      Map<String, String> merged = new HashMap<>(environment);
      merged.putAll(extra);
      return new Launch(handler, layerArns, merged, roleNote, customRuntime);
    }
  }

  private final Role role;
  private final Function function;
  private final Alias alias;

  public ServiceFunction(Construct scope, String id, Spec spec, Code code, Map<String, String> environment,
      IKey dataKey, IKey logKey, Network network) {
    this(scope, id, spec, Launch.FUNCTION_INVOKER, code, environment, dataKey, logKey, network);
  }

  public ServiceFunction(Construct scope, String id, Spec spec, Launch launch, Code code,
      Map<String, String> environment, IKey dataKey, IKey logKey, Network network) {
    super(scope, id);
    role = Role.Builder.create(this, "Role")
        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
        .description("Lambda function " + spec.definition() + launch.roleNote())
        .build();
    LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
        .encryptionKey(logKey)
        .retention(RetentionDays.ONE_YEAR)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    logGroup.grantWrite(role);
    Map<String, String> env = new HashMap<>(environment);
    env.put("SPRING_CLOUD_FUNCTION_DEFINITION", spec.definition());
    env.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
    env.putAll(launch.environment());
    List<ILayerVersion> layers = IntStream.range(0, launch.layerArns().size())
        .mapToObj(i -> LayerVersion.fromLayerVersionArn(this, "Layer" + i, launch.layerArns().get(i)))
        .toList();
    Function.Builder builder = Function.Builder.create(this, "Function")
        .runtime(launch.customRuntime() ? Runtime.PROVIDED_AL2023 : Runtime.JAVA_21)
        .architecture(Architecture.X86_64)
        .handler(launch.handler())
        .layers(layers)
        .code(code)
        .memorySize(spec.memoryMb())
        .timeout(spec.timeout())
        .role(role)
        .logGroup(logGroup)
        .loggingFormat(LoggingFormat.JSON)
        .environment(env)
        .environmentEncryption(dataKey);
    if (!launch.customRuntime()) {
      builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
    }
    if (network.privateMode()) {
      role.addManagedPolicy(
          ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaVPCAccessExecutionRole"));
      builder.vpc(network.vpc())
          .vpcSubnets(network.workloadSubnets())
          .securityGroups(List.of(network.workloadSecurityGroup()));
      Nag.suppress(role, "AwsSolutions-IAM4",
          "AWS-managed policy limited to the EC2 network interface actions Lambda needs to attach to the VPC.",
          "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole");
    }
    function = builder.build();
    if (!network.privateMode()) {
      Nag.suppress(function, "HIPAA.Security-LambdaInsideVPC",
          "Default mode runs functions outside a VPC, calling AWS APIs over TLS only; -c vpc=true places them in "
              + "private subnets with VPC endpoints (README).");
    }
    dataKey.grantDecrypt(role);
    alias = Alias.Builder.create(this, "Alias")
        .aliasName(ALIAS)
        .version(function.getCurrentVersion())
        .build();
    if (!launch.customRuntime()) {
      Nag.suppress(function, "AwsSolutions-L1",
          "Pinned to Java 21, the release the project compiles to; raise it with the build's release.");
    }
    Nag.suppress(function, "HIPAA.Security-LambdaDLQ",
        "Never invoked asynchronously: the HTTP API and the Function URL call it synchronously and SQS event "
            + "sources move failed messages to the queue's own dead-letter queue.");
    Nag.suppress(function, "HIPAA.Security-LambdaConcurrency",
        "No reserved concurrency: new accounts have a concurrency quota of 10, below which a reservation fails "
            + "the deploy; concurrency is bounded by API stage throttling, each SQS source's maxConcurrency and, "
            + "behind the streaming Function URL (no throttle of its own), the account's concurrency, watched by "
            + "the function's throttles alarm.");
  }

  public Role role() {
    return role;
  }

  public Function function() {
    return function;
  }

  public Alias alias() {
    return alias;
  }
}
