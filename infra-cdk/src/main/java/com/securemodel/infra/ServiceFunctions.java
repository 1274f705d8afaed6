package com.securemodel.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The Lambda functions of the service and what each may touch. Today: {@code httpApi} (every REST route of the three
 * dialects) and {@code deploymentWorker} (provisioning queue). A later worker is one {@link ServiceFunction.Spec},
 * one {@link #add} call, its grants and its trigger (an SQS source with {@link #fromQueue}, or an EventBridge
 * schedule targeting its alias).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting">
 *     Reporting batch item failures</a>
 */
public final class ServiceFunctions extends Construct {

  public static final ServiceFunction.Spec HTTP_API = new ServiceFunction.Spec("httpApi", 2048, Duration.seconds(29));
  public static final ServiceFunction.Spec DEPLOYMENT_WORKER =
      new ServiceFunction.Spec("deploymentWorker", 1024, Duration.seconds(60));

  private final Code code;
  private final Map<String, String> environment;
  private final ServiceKeys keys;
  private final Network network;
  private final List<ServiceFunction> all = new ArrayList<>();
  private final ServiceFunction httpApi;
  private final ServiceFunction deploymentWorker;

  public ServiceFunctions(Construct scope, String id, Code code, Map<String, String> environment, ServiceKeys keys,
      Network network, ServiceTable table, ServiceQueues queues, BatchBucket bucket, SageMakerAccess sageMaker) {
    super(scope, id);
    this.code = code;
    this.environment = Map.copyOf(environment);
    this.keys = keys;
    this.network = network;

    httpApi = add("HttpApi", HTTP_API);
    table.table().grantReadWriteData(httpApi.role());
    queues.provisioning().queue().grantSendMessages(httpApi.role());
    bucket.bucket().grantPut(httpApi.role(), BatchBucket.INPUT_PREFIX + "*");
    bucket.bucket().grantRead(httpApi.role(), BatchBucket.OUTPUT_PREFIX + "*");
    sageMaker.grantInvoke(httpApi.role());

    deploymentWorker = add("DeploymentWorker", DEPLOYMENT_WORKER);
    table.table().grantReadWriteData(deploymentWorker.role());
    queues.provisioning().queue().grantSendMessages(deploymentWorker.role());
    sageMaker.grantManage(deploymentWorker.role());
    fromQueue(deploymentWorker, queues.provisioning().queue(), 5);

    all.forEach(f -> Nag.grantWildcards(f.role()));
  }

  /** Creates the function for {@code spec} with the service environment. */
  public ServiceFunction add(String id, ServiceFunction.Spec spec) {
    ServiceFunction function = new ServiceFunction(this, id, spec, code, environment, keys.data(), keys.ops(), network);
    all.add(function);
    return function;
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

  public ServiceFunction deploymentWorker() {
    return deploymentWorker;
  }

  public List<ServiceFunction> all() {
    return List.copyOf(all);
  }
}
