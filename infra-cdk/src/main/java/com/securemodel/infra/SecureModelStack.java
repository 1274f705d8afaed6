package com.securemodel.infra;

import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole Secure Model Service in one stack: keys, table, queues, service bucket, network, SageMaker access, HTTP
 * API, Lambda functions (one of them streaming behind a Function URL), batch runner, the client console (CloudFront)
 * and alarms.
 *
 * @see <a href="https://docs.aws.amazon.com/cdk/v2/guide/best-practices.html">CDK best practices</a>
 */
public final class SecureModelStack extends Stack {

  private final ServiceFunctions functions;

  public SecureModelStack(Construct scope, String id, StackProps props, StackSettings settings) {
    super(scope, id, props);
    if (!Files.exists(Path.of(settings.functionsJar()))) {
      throw new IllegalStateException("Lambda code not found at " + settings.functionsJar() + " (context "
          + "functionsJar). Build it first: ./mvnw -pl functions -am package -DskipTests");
    }
    ServiceKeys keys = new ServiceKeys(this, "Keys", settings.endpointPrefix());
    ServiceTable table = new ServiceTable(this, "Data", keys.data());
    ServiceQueues queues = new ServiceQueues(this, "Queues", keys.messaging(),
        ServiceFunctions.DEPLOYMENT_WORKER.timeout(), ServiceFunctions.ASYNC_WORKER.timeout());
    BatchBucket bucket = new BatchBucket(this, "Storage", keys.data(), queues.batch().queue());
    Network network = new Network(this, "Network", settings.vpcMode(), keys.ops());
    SageMakerAccess sageMaker = new SageMakerAccess(this, "SageMaker", settings, bucket.bucket());
    ServiceApi api = new ServiceApi(this, "Api", keys.ops(), settings.apiRateLimit(), settings.apiBurstLimit());

    Map<String, String> common = new HashMap<>();
    common.put("SECUREMODEL_TABLE_NAME", table.table().getTableName());
    common.put("SECUREMODEL_ENDPOINT_PREFIX", settings.endpointPrefix());
    common.put("SECUREMODEL_HIPAA_MODE", "true");
    common.put("SECUREMODEL_BATCH_BUCKET", bucket.bucket().getBucketName());
    common.put("SECUREMODEL_NETWORK_ISOLATION", String.valueOf(sageMaker.networkIsolation()));

    Map<String, String> functionEnv = new HashMap<>(common);
    functionEnv.put("SECUREMODEL_PROVISIONING_QUEUE_URL", queues.provisioning().queue().getQueueUrl());
    functionEnv.put("SECUREMODEL_SAGEMAKER_ROLE_ARN", sageMaker.executionRole().getRoleArn());
    functionEnv.put("SECUREMODEL_PUBLIC_BASE_URL", api.url());
    functionEnv.put("SECUREMODEL_ASYNC_QUEUE_URL", queues.async().queue().getQueueUrl());
    // the key that binds log page tokens to their client and query, the same in every instance (tokens only bound
    // positions inside the caller's own partition, so isolation never depends on this value staying secret)
    functionEnv.put("SECUREMODEL_PAGINATION_SECRET", software.amazon.awscdk.Aws.STACK_ID);
    // the token counter reads models/<model id>/tokenizer.json from the service bucket; DJL unpacks its native
    // library under a writable directory (the home directory is read-only on Lambda)
    functionEnv.put("SECUREMODEL_SERVICE_BUCKET", bucket.bucket().getBucketName());
    functionEnv.put("DJL_CACHE_DIR", "/tmp/djl");
    functionEnv.put("SECUREMODEL_MODEL_JOB_QUEUE_URL", queues.modelJobs().queue().getQueueUrl());
    functionEnv.put("SECUREMODEL_WEBHOOKS_QUEUE_URL", queues.webhooks().queue().getQueueUrl());
    functionEnv.put("SECUREMODEL_WEBHOOKS_MAX_ATTEMPTS", String.valueOf(ServiceQueues.WEBHOOK_ATTEMPTS));
    functionEnv.put("SECUREMODEL_BYTEZ_INSTANCE_TYPES", String.join(",", settings.allowedInstanceTypes()));
    functions = new ServiceFunctions(this, "Functions", settings, functionEnv, keys, network, table, queues, bucket,
        sageMaker);
    api.routeAllTo(functions.httpApi().alias());

    Map<String, String> batchEnv = new HashMap<>(common);
    batchEnv.put("SECUREMODEL_BATCH_QUEUE_URL", queues.batch().queue().getQueueUrl());
    BatchRunnerService batch = new BatchRunnerService(this, "BatchRunner", settings, network, keys,
        queues.batch().queue(), batchEnv);
    var taskRole = batch.taskDefinition().getTaskRole();
    queues.batch().queue().grantConsumeMessages(taskRole);
    table.table().grantReadWriteData(taskRole);
    bucket.bucket().grantRead(taskRole, BatchBucket.INPUT_PREFIX + "*");
    bucket.bucket().grantReadWrite(taskRole, BatchBucket.OUTPUT_PREFIX + "*");
    sageMaker.grantInvoke(taskRole);
    Nag.grantWildcards(taskRole);

    ConsoleSite console = new ConsoleSite(this, "Console", api.url(), functions.streamingUrl());

    OperationalAlarms alarms = new OperationalAlarms(this, "Alarms", keys.ops(), settings.alarmEmail());
    queues.all().forEach(q -> alarms.onDeadLetters(q.queue().getNode().getId().replace("Queue", ""),
        q.deadLetterQueue()));
    functions.all().forEach(f -> alarms.onFunctionFailures(f.getNode().getId(), f.function()));
    alarms.onApiServerErrors(api.api(), 5);

    NagSuppressions.addResourceSuppressionsByPath(this,
        "/" + getStackName() + "/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource",
        List.of(Nag.rule("AwsSolutions-IAM4",
            "CDK's own deployment-time handler that sets the bucket notification; it needs only the basic Lambda "
                + "logging policy and processes no tenant data.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")));
    Nag.grantPolicies(this);

    output("ApiUrl", api.url(), "Base URL of the HTTP API");
    output("StreamingUrl", functions.streamingUrl(),
        "Base URL for streaming and long generations: OpenAI, Bytez and PaiTIENT routes");
    output("ConsoleUrl", "https://" + console.distribution().getDistributionDomainName() + "/",
        "The client console (sign in with a client's API key)");
    output("ConsoleBucketName", console.bucket().getBucketName(),
        "Upload the console's files here: aws s3 sync functions/target/generated-resources/console s3://<name>/");
    output("TableName", table.table().getTableName(), "DynamoDB table");
    output("ProvisioningQueueUrl", queues.provisioning().queue().getQueueUrl(), "Deployment provisioning queue");
    output("ModelJobQueueUrl", queues.modelJobs().queue().getQueueUrl(), "Bytez job queue");
    output("WebhookQueueUrl", queues.webhooks().queue().getQueueUrl(), "Webhook delivery queue");
    output("BatchQueueUrl", queues.batch().queue().getQueueUrl(), "Batch prompt-file queue");
    output("BatchBucketName", bucket.bucket().getBucketName(),
        "Service bucket: drop prompt files under " + BatchBucket.INPUT_PREFIX);
    output("SageMakerExecutionRoleArn", sageMaker.executionRole().getRoleArn(), "Role the service's models run with");
    output("AlarmTopicArn", alarms.topic().getTopicArn(), "Subscribe operators to this topic");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public ServiceFunctions functions() {
    return functions;
  }
}
