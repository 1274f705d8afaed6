package com.securemodel.functions.config;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.deployment.DeploymentLimits;
import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.deployment.ObservedDeploymentStore;
import com.securemodel.core.deployment.ProvisioningQueue;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.core.endpoint.EndpointRouting;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.core.endpoint.EndpointStore;
import com.securemodel.core.endpoint.TrafficSplitter;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.generation.PriorityAdmission;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.EndpointScaling;
import com.securemodel.core.hosting.ModelHost;
import com.securemodel.core.hosting.ModelInvoker;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.core.model.ModelCatalog;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ApiKeyService;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.limits.TokenQuota;
import com.securemodel.core.usage.PeriodUsageStore;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.core.webhook.EventPublisher;
import com.securemodel.functions.aws.ApplicationAutoScalingEndpointScaling;
import com.securemodel.functions.aws.DynamoDbApiKeyStore;
import com.securemodel.functions.aws.DynamoDbAsyncRequestStore;
import com.securemodel.functions.aws.SqsAsyncQueue;
import com.securemodel.functions.aws.DynamoDbDeploymentLog;
import com.securemodel.functions.aws.DynamoDbDeploymentStore;
import com.securemodel.functions.aws.DynamoDbEndpointStore;
import com.securemodel.functions.aws.DynamoDbIdempotencyStore;
import com.securemodel.functions.aws.DynamoDbModelCatalog;
import com.securemodel.functions.aws.DynamoDbUsageStore;
import com.securemodel.functions.aws.SageMakerModelHost;
import com.securemodel.functions.aws.SageMakerModelInvoker;
import com.securemodel.functions.aws.SqsProvisioningQueue;
import com.securemodel.functions.aws.SignedInvokeEndpoint;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The core services and the adapters behind their ports. Adapters get AWS clients that are built on their first call
 * ({@link LazyDynamoDbClient}, {@link LazySqsClient}, {@link LazyClient}), so that a Lambda function builds only the
 * clients its requests use (building one takes a few hundred milliseconds of a cold start).
 */
@Configuration(proxyBeanMethods = false)
public class CoreServicesConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdGenerator idGenerator() {
        return IdGenerator.random();
    }

    @Bean
    ServiceSettings serviceSettings(ServiceProperties properties) {
        return properties.toSettings();
    }

    /** Observed, so that what the generation service remembers of a deployment is forgotten when it changes. */
    @Bean
    ObservedDeploymentStore deploymentStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new ObservedDeploymentStore(new DynamoDbDeploymentStore(dynamoDb, resources.tableName()));
    }

    @Bean
    DeploymentLog deploymentLog(DynamoDbClient dynamoDb, AwsResources resources, Clock clock) {
        return new DynamoDbDeploymentLog(dynamoDb, resources.tableName(), clock);
    }

    @Bean
    ApiKeyStore apiKeyStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbApiKeyStore(dynamoDb, resources.tableName());
    }

    @Bean
    ProvisioningQueue provisioningQueue(SqsClient sqs, AwsResources resources) {
        return new SqsProvisioningQueue(sqs, resources.provisioningQueueUrl());
    }

    @Bean
    ModelHost modelHost(SageMakerControlPlane sageMaker) {
        return new SageMakerModelHost(sageMaker);
    }

    @Bean
    ModelInvoker modelInvoker(ObjectProvider<SignedInvokeEndpoint> runtime,
                              ObjectProvider<SageMakerRuntimeAsyncClient> async) {
        return new SageMakerModelInvoker(() -> SageMakerModelInvoker.InvokeEndpoint.signed(runtime.getObject()),
                async::getObject);
    }

    /** The service-wide catalog of models Bytez jobs made available (public metadata, not tenant data). */
    @Bean
    ModelCatalog modelCatalog(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbModelCatalog(dynamoDb, resources.tableName());
    }

    /** The built-in models, then the catalog's. */
    @Bean
    ModelRegistry modelRegistry(ModelCatalog catalog) {
        return ModelRegistry.builtIn().with(catalog);
    }

    @Bean
    InstanceCatalog instanceCatalog() {
        return InstanceCatalog.builtIn();
    }

    @Bean
    GpuFit gpuFit(InstanceCatalog instances) {
        return new GpuFit(instances);
    }

    @Bean
    ContainerConfigFactory containerConfigFactory() {
        return new ContainerConfigFactory();
    }

    @Bean
    DeploymentService deploymentService(ObservedDeploymentStore store, ProvisioningQueue queue, DeploymentLog log,
                                        ModelRegistry models, GpuFit fit, ServiceSettings settings, Clock clock,
                                        IdGenerator ids, ModelHost host, EventPublisher events,
                                        DeploymentLimits limits, EndpointService endpoints) {
        return new DeploymentService(store, queue, log, models, fit, settings, clock, ids, limits, host)
                .publishingTo(events).guardedBy(endpoints::namesServedBy);
    }

    /** {@code Idempotency-Key} claims under each client's partition, kept 24 hours. */
    @Bean
    IdempotencyKeys idempotencyKeys(DynamoDbClient dynamoDb, AwsResources resources, Clock clock) {
        return new IdempotencyKeys(new DynamoDbIdempotencyStore(dynamoDb, resources.tableName()), clock);
    }

    @Bean
    EndpointScaling endpointScaling(ScalingControlPlane autoScaling, ScalingProperties scaling) {
        return new ApplicationAutoScalingEndpointScaling(autoScaling, scaling.targetInvocationsPerInstance(),
                (int) scaling.scaleInCooldown().toSeconds(), (int) scaling.scaleOutCooldown().toSeconds());
    }

    /** Takes {@code limits} so that its writes of failed and deleted deployments give their quota slots back. */
    @Bean
    ProvisioningService provisioningService(ObservedDeploymentStore store, ModelHost host, ProvisioningQueue queue,
                                            DeploymentLog log, ContainerConfigFactory containers,
                                            ServiceSettings settings, Clock clock, InstanceCatalog instances,
                                            EndpointScaling scaling, EventPublisher events,
                                            DeploymentLimits limits) {
        return new ProvisioningService(store, host, queue, log, containers, settings, clock, instances, scaling)
                .publishingTo(events);
    }

    @Bean
    UsageStore usageStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbUsageStore(dynamoDb, resources.tableName());
    }

    /** Flushed every few seconds by {@link UsageFlusher}, and at shutdown. */
    @Bean
    UsageRecorder usageRecorder(UsageStore store, PeriodUsageStore periods, Clock clock) {
        return new UsageRecorder(store, periods, clock, UsageFlusher.INTERVAL);
    }

    @Bean
    UsageFlusher usageFlusher(UsageRecorder usage, com.securemodel.core.audit.CallJournal journal) {
        return new UsageFlusher(usage, journal);
    }

    @Bean
    EndpointStore endpointStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbEndpointStore(dynamoDb, resources.tableName());
    }

    /** Endpoint lookups of the generation path, remembered as long as resolved deployments. */
    @Bean
    EndpointRouting endpointRouting(EndpointStore endpoints, Clock clock) {
        return new EndpointRouting(endpoints, new TrafficSplitter(), clock, GenerationService.DEFAULT_RESOLVE_TTL);
    }

    @Bean
    EndpointService endpointService(EndpointStore endpoints, DeploymentStore store, EndpointRouting routing,
                                    Clock clock, IdGenerator ids) {
        return new EndpointService(endpoints, store, routing, clock, ids);
    }

    @Bean
    GenerationService generationService(ObservedDeploymentStore store, ModelInvoker invoker, UsageRecorder usage,
                                        Clock clock, IdGenerator ids, EndpointRouting endpoints,
                                        TokenQuota tokens) {
        GenerationService generation = new GenerationService(store, invoker, usage, clock, ids,
                GenerationService.DEFAULT_RESOLVE_TTL, endpoints, tokens);
        store.onChange(generation::forget);
        return generation;
    }

    /**
     * Requests accepted with {@code Prefer: respond-async}; one still pending after the longest a worker can take
     * (5 deliveries of the invoke timeout, plus a margin) reads as failed.
     */
    @Bean
    AsyncRequestService asyncRequestService(DynamoDbClient dynamoDb, SqsClient sqs,
                                            AwsResources resources, ServiceProperties properties, Clock clock,
                                            IdGenerator ids) {
        return new AsyncRequestService(new DynamoDbAsyncRequestStore(dynamoDb, resources.tableName()),
                new SqsAsyncQueue(sqs, resources.asyncQueueUrl()), clock, ids,
                properties.aws().invokeTimeout().multipliedBy(12).plusMinutes(5));
    }

    /** The queue of {@code /queue/chat/completions}: a request waits at most the invoke timeout for its turn. */
    @Bean
    PriorityAdmission priorityAdmission(ServiceProperties properties) {
        return new PriorityAdmission(properties.aws().invokeTimeout());
    }

    /** @param auth how long a key check is remembered: the most a revoked key keeps working in another instance */
    @Bean
    Authenticator authenticator(ApiKeyStore keys, Clock clock, AuthProperties auth) {
        return new Authenticator(keys, clock, auth.cacheTtl());
    }

    @Bean
    ApiKeyService apiKeyService(ApiKeyStore keys, Authenticator authenticator) {
        return new ApiKeyService(keys, authenticator);
    }
}
