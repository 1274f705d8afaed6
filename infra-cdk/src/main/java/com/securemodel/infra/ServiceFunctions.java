package com.securemodel.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.InvokeMode;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The Lambda functions of the service and what each may touch. Today: {@code httpApi} (every REST route of the three
 * dialects, behind the HTTP API), {@code streaming} (the same routes and the same permissions, served by the web
 * server under the {@link WebAdapter} behind a Function URL that streams), {@code deploymentWorker}
 * (provisioning queue), {@code asyncRequestWorker} (requests accepted with {@code Prefer: respond-async}),
 * {@code modelJobWorker} (Bytez job queue), {@code webhookWorker} (webhook queue: posts signed events to the
 * clients' public https URLs, so it needs outbound internet, which both network modes give) and {@code expirySweep} (an EventBridge rule every minute; no retries:
 * the next minute's run is the retry). A later worker is one {@link ServiceFunction.Spec}, one {@link #add} call, its grants and
 * its trigger (an SQS source with {@link #fromQueue}, or an EventBridge schedule targeting its alias).
 *
 * <p>The streaming Function URL has auth type {@code NONE}: the application authenticates every request with the
 * service's API keys, as behind the HTTP API, and the clients it serves (OpenAI and Bytez SDKs) cannot sign SigV4
 * requests. Its invoke mode is {@code RESPONSE_STREAM} (up to 15 minutes and 200 MB per response); it targets the
 * {@code live} alias, so SnapStart applies as to the other functions.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting">
 *     Reporting batch item failures</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html">Function URL access control</a>
 */
public final class ServiceFunctions extends Construct {

  public static final ServiceFunction.Spec HTTP_API = new ServiceFunction.Spec("httpApi", 2048, Duration.seconds(29));
  public static final ServiceFunction.Spec DEPLOYMENT_WORKER =
      new ServiceFunction.Spec("deploymentWorker", 1024, Duration.seconds(60));
  /** Runs requests accepted with {@code Prefer: respond-async}: a generation, up to the invoke timeout and queueing. */
  public static final ServiceFunction.Spec ASYNC_WORKER =
      new ServiceFunction.Spec("asyncRequestWorker", 2048, Duration.minutes(5));
  public static final ServiceFunction.Spec MODEL_JOB_WORKER =
      new ServiceFunction.Spec("modelJobWorker", 1024, Duration.seconds(60));
  /** Up to 10 deliveries a batch, each at most 5 s to connect and 10 s to answer. */
  public static final ServiceFunction.Spec WEBHOOK_WORKER =
      new ServiceFunction.Spec("webhookWorker", 1024, Duration.minutes(3));
  public static final ServiceFunction.Spec EXPIRY_SWEEP =
      new ServiceFunction.Spec("expirySweep", 1024, Duration.seconds(60));

  private final Code code;
  private final Map<String, String> environment;
  private final ServiceKeys keys;
  private final Network network;
  private final List<ServiceFunction> all = new ArrayList<>();
  private final ServiceFunction httpApi;
  private final ServiceFunction streaming;
  private final FunctionUrl streamingUrl;
  private final ServiceFunction deploymentWorker;
  private final ServiceFunction asyncWorker;
  private final ServiceFunction modelJobWorker;
  private final ServiceFunction expirySweep;
  private final ServiceFunction webhookWorker;

  public ServiceFunctions(Construct scope, String id, StackSettings settings, Map<String, String> environment,
      ServiceKeys keys, Network network, ServiceTable table, ServiceQueues queues, BatchBucket bucket,
      SageMakerAccess sageMaker) {
    super(scope, id);
    this.code = Code.fromAsset(settings.functionsJar());
    this.environment = Map.copyOf(environment);
    this.keys = keys;
    this.network = network;

    // the model call ends before API Gateway's 29 s, so that the service's own error body answers, not the gateway's
    // with -c httpApiBundle=DIR, from a custom-runtime bundle with an AOT cache (cold start without SnapStart)
    ServiceFunction.Launch httpLaunch = settings.httpApiBundle().isPresent() ? ServiceFunction.Launch.AOT_BUNDLE
        : ServiceFunction.Launch.FUNCTION_INVOKER;
    httpApi = add("HttpApi", HTTP_API, httpLaunch.withEnvironment(Map.of("SECUREMODEL_AWS_INVOKE_TIMEOUT", "25s")),
        settings.httpApiBundle().map(dir -> AotBundle.code(dir, settings.functionsJar())).orElse(code));
    grantApiRoutes(httpApi, table, queues, bucket, sageMaker);

    streaming = add("Streaming", streaming(Duration.seconds(settings.streamingTimeoutSeconds())),
        WebAdapter.launch(Stack.of(this)), WebAdapter.code(settings.functionsJar()));
    grantApiRoutes(streaming, table, queues, bucket, sageMaker);
    streamingUrl = streaming.alias().addFunctionUrl(FunctionUrlOptions.builder()
        .authType(FunctionUrlAuthType.NONE)
        .invokeMode(InvokeMode.RESPONSE_STREAM)
        .build());
    Nag.suppress(streaming.alias(), "HIPAA.Security-LambdaFunctionPublicAccessProhibited",
        "Public Function URL for streaming: the application authenticates every request with the service's API keys "
            + "(the same code path as behind the HTTP API), and OpenAI and Bytez SDK clients cannot sign SigV4 "
            + "requests; the permissions allow invocation through the Function URL only.");

    deploymentWorker = add("DeploymentWorker", DEPLOYMENT_WORKER);
    table.table().grantReadWriteData(deploymentWorker.role());
    queues.provisioning().queue().grantSendMessages(deploymentWorker.role());
    queues.webhooks().queue().grantSendMessages(deploymentWorker.role());
    sageMaker.grantManage(deploymentWorker.role());
    sageMaker.grantAutoScaling(deploymentWorker.role());
    fromQueue(deploymentWorker, queues.provisioning().queue(), 5);

    asyncWorker = add("AsyncRequestWorker", ASYNC_WORKER);
    grantApiRoutes(asyncWorker, table, queues, bucket, sageMaker);
    fromQueue(asyncWorker, queues.async().queue(), 10);
    // Bytez jobs: the job, the service-wide catalog (table); the model's Hugging Face files under models/ (bucket)
    modelJobWorker = add("ModelJobWorker", MODEL_JOB_WORKER);
    table.table().grantReadWriteData(modelJobWorker.role());
    bucket.bucket().grantRead(modelJobWorker.role(), "models/*");
    fromQueue(modelJobWorker, queues.modelJobs().queue(), 2);

    // the expiry sweep: instances (table, its expiry index) and deployment teardown (provisioning queue)
    expirySweep = add("ExpirySweep", EXPIRY_SWEEP);
    table.table().grantReadWriteData(expirySweep.role());
    queues.provisioning().queue().grantSendMessages(expirySweep.role());
    queues.webhooks().queue().grantSendMessages(expirySweep.role());
    Rule.Builder.create(this, "ExpirySweepSchedule")
        .description("Bytez expiry sweep: stops instances idle past their expirationPeriodSeconds")
        .schedule(Schedule.rate(Duration.minutes(1)))
        .targets(List.of(LambdaFunction.Builder.create(expirySweep.alias()).retryAttempts(0).build()))
        .build();

    // webhooks: the webhook, its events and delivery log (table); the event source mapping grants the queue's
    // receive, delete and visibility changes (the backoff)
    webhookWorker = add("WebhookWorker", WEBHOOK_WORKER);
    table.table().grantReadWriteData(webhookWorker.role());
    fromQueue(webhookWorker, queues.webhooks().queue(), 5);

    all.forEach(f -> Nag.grantWildcards(f.role()));
  }

  /** The streaming function's shape: the HTTP function's, with a timeout up to the Function URL's 15 minutes. */
  static ServiceFunction.Spec streaming(Duration timeout) {
    return new ServiceFunction.Spec(HTTP_API.definition(), HTTP_API.memoryMb(), timeout);
  }

  /** Creates the function for {@code spec} with the service environment. */
  public ServiceFunction add(String id, ServiceFunction.Spec spec) {
    return add(id, spec, ServiceFunction.Launch.FUNCTION_INVOKER, code);
  }

  private ServiceFunction add(String id, ServiceFunction.Spec spec, ServiceFunction.Launch launch, Code functionCode) {
    ServiceFunction function = new ServiceFunction(this, id, spec, launch, functionCode, environment, keys.data(),
        keys.ops(), network);
    all.add(function);
    return function;
  }

  /**
   * What the REST routes of the three dialects touch: the table, provisioning and async requests, batch files,
   * tokenizer files of models, model endpoints.
   */
  private static void grantApiRoutes(ServiceFunction function, ServiceTable table, ServiceQueues queues,
      BatchBucket bucket, SageMakerAccess sageMaker) {
    table.table().grantReadWriteData(function.role());
    queues.provisioning().queue().grantSendMessages(function.role());
    queues.async().queue().grantSendMessages(function.role());
    bucket.bucket().grantRead(function.role(), BatchBucket.MODELS_PREFIX + "*");
    queues.modelJobs().queue().grantSendMessages(function.role());
    queues.webhooks().queue().grantSendMessages(function.role());
    bucket.bucket().grantPut(function.role(), BatchBucket.INPUT_PREFIX + "*");
    bucket.bucket().grantRead(function.role(), BatchBucket.OUTPUT_PREFIX + "*");
    // the Files API: uploads under files/ (read, written, deleted; copied to batch-input/ by POST /v1/batches)
    bucket.bucket().grantReadWrite(function.role(), "files/*");
    sageMaker.grantInvoke(function.role());
  }

  /** Triggers {@code function}'s alias from {@code queue}, reporting failed items individually. */
  public static void fromQueue(ServiceFunction function, IQueue queue, int maxConcurrency) {
    function.alias().addEventSource(SqsEventSource.Builder.create(queue)
        .batchSize(10)
        .maxBatchingWindow(Duration.seconds(1))
        .reportBatchItemFailures(true)
        .maxConcurrency(maxConcurrency)
        .build());
  }

  public ServiceFunction httpApi() {
    return httpApi;
  }

  public ServiceFunction streaming() {
    return streaming;
  }

  /**
   * The base URL of the streaming Function URL, {@code https://<url-id>.lambda-url.<region>.on.aws}, without the
   * trailing slash the Function URL has, like the HTTP API's.
   */
  public String streamingUrl() {
    return "https://" + Fn.select(2, Fn.split("/", streamingUrl.getUrl()));
  }

  public ServiceFunction deploymentWorker() {
    return deploymentWorker;
  }

  public ServiceFunction asyncWorker() {
    return asyncWorker;
  }

  public ServiceFunction modelJobWorker() {
    return modelJobWorker;
  }

  public ServiceFunction expirySweep() {
    return expirySweep;
  }

  public ServiceFunction webhookWorker() {
    return webhookWorker;
  }

  public List<ServiceFunction> all() {
    return List.copyOf(all);
  }
}
