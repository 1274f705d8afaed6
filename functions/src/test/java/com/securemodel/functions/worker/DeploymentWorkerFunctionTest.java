package com.securemodel.functions.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.core.fakes.FakeModelHost;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.hosting.ModelHost;
import com.securemodel.functions.aws.internal.ProvisionTaskJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The worker driven by the sample SQS event ({@code events/sqs/single-message.json}) over in-memory fakes. */
class DeploymentWorkerFunctionTest {

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final MutableClock clock = new MutableClock();

    private DeploymentWorkerFunction worker(ModelHost host) {
        return new DeploymentWorkerFunction(new ProvisioningService(store, host, queue, new InMemoryDeploymentLog(),
                new ContainerConfigFactory(), TestDeployments.settings(), clock));
    }

    @Test
    void provisionMessage_createsTheEndpointAndQueuesAPoll() throws IOException {
        store.create(TestDeployments.deployment("dep_worker0001", DeploymentStatus.CREATING));
        FakeModelHost host = new FakeModelHost();

        SQSBatchResponse response = worker(host).apply(sampleEvent(ProvisionTaskJson.write(new ProvisionTask(
                TestDeployments.CLIENT, "dep_worker0001", ProvisionTask.Action.PROVISION, 0))));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(host.endpointsCreated()).isEqualTo(1);
        assertThat(queue.last().task().action()).isEqualTo(ProvisionTask.Action.POLL);
    }

    @Test
    void badBody_isDroppedNotRetried() throws IOException {
        SQSBatchResponse response = worker(new FakeModelHost()).apply(sampleEvent("{\"not\":\"a task\"}"));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void failingHandle_reportsTheMessageInBatchItemFailures() throws IOException {
        store.create(TestDeployments.deployment("dep_worker0002", DeploymentStatus.CREATING));
        ModelHost down = new FailingHost();

        SQSBatchResponse response = worker(down).apply(sampleEvent(ProvisionTaskJson.write(new ProvisionTask(
                TestDeployments.CLIENT, "dep_worker0002", ProvisionTask.Action.PROVISION, 0))));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("059f36b4-87a3-44ab-83d2-661975830a7d");
    }

    @Test
    void failingOnItsLastDelivery_failsTheDeploymentAndQueuesItsCleanupInsteadOfTheDlq() throws IOException {
        // given: a SageMaker that keeps refusing, and the message's fifth receive
        store.create(TestDeployments.deployment("dep_worker0003", DeploymentStatus.CREATING));
        SQSEvent event = sampleEvent(ProvisionTaskJson.write(new ProvisionTask(TestDeployments.CLIENT,
                "dep_worker0003", ProvisionTask.Action.PROVISION, 0)));
        event.getRecords().getFirst().setAttributes(java.util.Map.of("ApproximateReceiveCount",
                Integer.toString(DeploymentWorkerFunction.MAX_RECEIVES)));
        // when
        SQSBatchResponse response = worker(new FailingHost()).apply(event);
        // then
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.find(TestDeployments.CLIENT, "dep_worker0003").orElseThrow().status())
                .isEqualTo(DeploymentStatus.FAILED);
        assertThat(queue.last().task().action()).isEqualTo(ProvisionTask.Action.CLEANUP);
    }

    private static SQSEvent sampleEvent(String body) throws IOException {
        String template = Files.readString(Path.of("..", "events", "sqs", "single-message.json"));
        String json = template.replace("\"${body}\"", new ObjectMapper().writeValueAsString(body));
        return LambdaEventSerializers.serializerFor(SQSEvent.class, SQSEvent.class.getClassLoader()).fromJson(json);
    }

    /** SageMaker unreachable: every call fails. */
    private static final class FailingHost implements ModelHost {
        @Override
        public void createEndpoint(EndpointSpec spec) {
            throw new IllegalStateException("SageMaker unreachable");
        }

        @Override
        public void updateEndpoint(EndpointSpec spec) {
            throw new IllegalStateException("SageMaker unreachable");
        }

        @Override
        public EndpointState describeEndpoint(String endpointName) {
            throw new IllegalStateException("SageMaker unreachable");
        }

        @Override
        public void deleteEndpoint(String endpointName, String endpointConfigName, String modelName) {
            throw new IllegalStateException("SageMaker unreachable");
        }

        @Override
        public void deleteModelAndConfig(String endpointConfigName, String modelName) {
            throw new IllegalStateException("SageMaker unreachable");
        }
    }
}
