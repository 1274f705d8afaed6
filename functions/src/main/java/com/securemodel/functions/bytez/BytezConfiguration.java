package com.securemodel.functions.bytez;

import com.securemodel.core.bytez.BytezInstanceStore;
import com.securemodel.core.bytez.BytezService;
import com.securemodel.core.bytez.InstanceActivity;
import com.securemodel.core.bytez.ModelInspector;
import com.securemodel.core.bytez.ModelJobQueue;
import com.securemodel.core.bytez.ModelJobService;
import com.securemodel.core.bytez.ModelJobStore;
import com.securemodel.core.bytez.Placement;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.model.ModelCatalog;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.functions.aws.DynamoDbBytezInstanceStore;
import com.securemodel.functions.aws.DynamoDbModelJobStore;
import com.securemodel.functions.aws.SqsModelJobQueue;
import com.securemodel.functions.config.AwsResources;
import com.securemodel.functions.config.ServiceProperties;
import com.securemodel.functions.tokens.TokenizerFiles;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Bytez services and their adapters, the job worker {@code modelJobWorker} (on the job queue) and the expiry
 * sweep {@code expirySweep} (an EventBridge schedule). The model catalog itself is a core bean
 * ({@code CoreServicesConfiguration}), since the registry of every dialect reads it.
 */
@Configuration(proxyBeanMethods = false)
public class BytezConfiguration {

    @Bean
    ModelJobStore modelJobStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbModelJobStore(dynamoDb, resources.tableName());
    }

    @Bean
    ModelJobQueue modelJobQueue(SqsClient sqs, AwsResources resources) {
        return new SqsModelJobQueue(sqs, resources.modelJobQueueUrl());
    }

    @Bean
    BytezInstanceStore bytezInstanceStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbBytezInstanceStore(dynamoDb, resources.tableName());
    }

    @Bean
    Placement bytezPlacement(GpuFit fit, ServiceProperties properties) {
        return new Placement(fit, properties.bytezInstanceTypes());
    }

    /** On AWS: the model's Hugging Face files in the service bucket (local mode reads GGUF headers instead). */
    @Bean
    @Profile("!local")
    ModelInspector configJsonModelInspector(ObjectProvider<TokenizerFiles> files) {
        return new ConfigJsonModelInspector(files.getIfAvailable(() -> TokenizerFiles.NONE));
    }

    @Bean
    ModelJobService modelJobService(ModelJobStore jobs, ModelJobQueue queue, ModelRegistry models,
                                    ModelCatalog catalog, ModelInspector inspector, Placement placement, Clock clock) {
        return new ModelJobService(jobs, queue, models, catalog, inspector, placement, clock);
    }

    @Bean
    InstanceActivity instanceActivity(BytezInstanceStore instances, Clock clock) {
        return new InstanceActivity(instances, clock);
    }

    @Bean
    ActivityFlusher bytezActivityFlusher(InstanceActivity activity) {
        return new ActivityFlusher(activity);
    }

    @Bean
    BytezService bytezService(BytezInstanceStore instances, DeploymentService deployments, ModelRegistry models,
                              Placement placement, InstanceActivity activity, Clock clock) {
        return new BytezService(instances, deployments, models, placement, activity, clock);
    }

    /** {@code spring.cloud.function.definition=modelJobWorker} on the job queue's Lambda. */
    @Bean
    ModelJobWorkerFunction modelJobWorker(ModelJobService jobs) {
        return new ModelJobWorkerFunction(jobs);
    }

    /** {@code spring.cloud.function.definition=expirySweep} on the sweep schedule's Lambda. */
    @Bean
    ExpirySweepFunction expirySweep(BytezService bytez) {
        return new ExpirySweepFunction(bytez);
    }
}
