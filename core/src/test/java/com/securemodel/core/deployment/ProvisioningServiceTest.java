package com.securemodel.core.deployment;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.fakes.FakeModelHost;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.RecordingProvisioningQueue.Sent;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.ContainerConfigFactory;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.hosting.EndpointState.Status;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningServiceTest {

    private static final String ID = "dep_abc";
    private static final String ENDPOINT = "sm-dep-abc";

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final FakeModelHost host = new FakeModelHost();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final MutableClock clock = new MutableClock();
    private final ProvisioningService worker = new ProvisioningService(store, host, queue, log,
            new ContainerConfigFactory(), TestDeployments.settings(), clock);

    @BeforeEach
    void storeCreatingDeployment() {
        store.create(TestDeployments.deployment(ID, DeploymentStatus.CREATING));
    }

    private static ProvisionTask task(ProvisionTask.Action action, int attempt) {
        return new ProvisionTask(CLIENT, ID, action, attempt);
    }

    private Deployment stored() {
        return store.find(CLIENT, ID).orElseThrow();
    }

    @Test
    void provision_createsEndpointFromDeploymentAndQueuesPoll() {
        // when
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        // then
        EndpointSpec spec = host.createCalls().getFirst();
        assertThat(spec.modelName()).isEqualTo(ENDPOINT);
        assertThat(spec.endpointConfigName()).isEqualTo(ENDPOINT);
        assertThat(spec.endpointName()).isEqualTo(ENDPOINT);
        assertThat(spec.instanceType()).isEqualTo("ml.g4dn.xlarge");
        assertThat(spec.initialInstanceCount()).isEqualTo(1);
        assertThat(spec.executionRoleArn()).isEqualTo(TestDeployments.settings().executionRoleArn());
        assertThat(spec.networkIsolation()).isTrue();
        assertThat(spec.container().environment()).containsEntry("OPTION_QUANTIZE", "bitsandbytes");
        assertThat(queue.sent()).containsExactly(new RecordingProvisioningQueue.Sent(
                task(ProvisionTask.Action.POLL, 1), Duration.ofSeconds(30)));
        assertThat(stored().status()).isEqualTo(DeploymentStatus.CREATING);
    }

    @Test
    void provision_whenSageMakerRefuses_marksFailedWithTheReasonAndQueuesTheCleanupOfWhatWasCreated() {
        // given
        host.refuseCreates(new ServiceException(ErrorCode.DEPLOYMENT_ERROR,
                "SageMaker refused to create endpoint config: instance type not allowed"));
        // when
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        // then
        assertThat(stored().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(stored().statusReason()).contains("instance type not allowed");
        assertThat(queue.tasks()).containsExactly(task(ProvisionTask.Action.CLEANUP, 0));
        // when the cleanup runs, the model and endpoint config created before the refusal are removed
        worker.handle(queue.poll().orElseThrow().task());
        assertThat(host.deletedConfigs()).containsExactly(ENDPOINT);
    }

    @Test
    void provision_whenSageMakerIsUnavailable_throwsForRedeliveryAndStaysCreating() {
        // given
        ServiceException outage = new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "SageMaker is unavailable");
        host.refuseCreates(outage);
        // when / then
        assertThatThrownBy(() -> worker.handle(task(ProvisionTask.Action.PROVISION, 0))).isSameAs(outage);
        assertThat(stored().status()).isEqualTo(DeploymentStatus.CREATING);
    }

    @Test
    void provision_onLocalNvmeInstance_omitsKmsKeyId() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));

        assertThat(host.createCalls().getFirst().kmsKeyId()).isNull();
    }

    @Test
    void provision_onInstanceWithoutLocalNvme_setsKmsKeyId() {
        // given a catalog whose g4dn.xlarge has EBS volumes
        ProvisioningService ebsWorker = new ProvisioningService(store, host, queue, log, new ContainerConfigFactory(),
                TestDeployments.settings(), clock, new com.securemodel.core.gpu.InstanceCatalog(java.util.List.of(
                        new com.securemodel.core.gpu.InstanceType("g4dn.xlarge", 1, "NVIDIA T4", 15, false, false))));
        // when
        ebsWorker.handle(task(ProvisionTask.Action.PROVISION, 0));
        // then
        assertThat(host.createCalls().getFirst().kmsKeyId()).isEqualTo(TestDeployments.settings().kmsKeyId());
    }

    @Test
    void provision_deliveredTwice_createsOneEndpoint() {
        // when
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        // then
        assertThat(host.endpointsCreated()).isEqualTo(1);
        assertThat(host.createCalls()).extracting(EndpointSpec::endpointName).containsOnly(ENDPOINT);
    }

    @Test
    void poll_inService_marksRunningWithReplicasAndLogs() {
        // given
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.IN_SERVICE, null, 1));
        clock.advance(Duration.ofMinutes(5));
        // when
        worker.handle(task(ProvisionTask.Action.POLL, 1));
        // then
        Deployment running = stored();
        assertThat(running.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(running.currentReplicas()).isEqualTo(1);
        assertThat(running.updatedAt()).isEqualTo(clock.instant());
        assertThat(running.version()).isEqualTo(2);
        assertThat(log.messages(CLIENT, ID)).last().isEqualTo("Deployment dep_abc is now running");
    }

    @Test
    void poll_stillCreating_requeuesWithNextAttempt() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.CREATING, null, 0));
        queue.drain();

        worker.handle(task(ProvisionTask.Action.POLL, 3));

        assertThat(queue.drain()).containsExactly(new RecordingProvisioningQueue.Sent(
                task(ProvisionTask.Action.POLL, 4), Duration.ofSeconds(30)));
        assertThat(stored().status()).isEqualTo(DeploymentStatus.CREATING);
    }

    @Test
    void poll_afterMaxAttempts_marksFailedWithTimeout() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.CREATING, null, 0));
        queue.drain();

        worker.handle(task(ProvisionTask.Action.POLL, 40));

        assertThat(stored().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(stored().statusReason()).contains("did not come InService within 20 minutes");
        assertThat(queue.drain()).extracting(sent -> sent.task().action())
                .containsExactly(ProvisionTask.Action.CLEANUP);
    }

    @Test
    void cleanup_afterTimeout_waitsWhileTheEndpointIsCreatingThenDeletesIt() {
        // given a deployment that failed on a poll timeout while its endpoint was still creating
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.CREATING, null, 0), new EndpointState(Status.CREATING, null, 0),
                new EndpointState(Status.IN_SERVICE, null, 1));
        queue.drain();
        worker.handle(task(ProvisionTask.Action.POLL, 40));
        // when the cleanup runs: first postponed (creating), then it deletes
        worker.handle(queue.drain().getFirst().task());
        assertThat(host.deleteCalls()).isEmpty();
        worker.handle(queue.drain().getFirst().task());
        // then
        assertThat(host.deleteCalls()).containsExactly(ENDPOINT);
        assertThat(stored().status()).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void poll_endpointFailed_queuesCleanupThatDeletesTheEndpoint() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.FAILED, "CUDA out of memory", 0));
        queue.drain();
        worker.handle(task(ProvisionTask.Action.POLL, 1));

        worker.handle(queue.drain().getFirst().task());

        assertThat(host.deleteCalls()).containsExactly(ENDPOINT);
    }

    @Test
    void poll_ofADeploymentDeletedWhileItsEndpointWasCreated_removesTheOrphanEndpoint() {
        // given PROVISION created the endpoint, then a forced delete finished before the first poll
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        store.update(stored().withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        store.update(stored().withStatus(DeploymentStatus.DELETED, null, clock.instant()));
        // when
        worker.handle(task(ProvisionTask.Action.POLL, 1));
        // then
        assertThat(host.deleteCalls()).containsExactly(ENDPOINT);
    }

    @Test
    void delete_whileTheEndpointIsCreating_isPostponedNotSentToSageMaker() {
        // given
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.CREATING, null, 0));
        store.update(stored().withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        queue.drain();
        // when
        worker.handle(task(ProvisionTask.Action.DELETE, 0));
        // then
        assertThat(host.deleteCalls()).isEmpty();
        assertThat(stored().status()).isEqualTo(DeploymentStatus.DELETING);
        assertThat(queue.drain()).extracting(Sent::task)
                .containsExactly(new ProvisionTask(CLIENT, ID, ProvisionTask.Action.DELETE, 1));
    }

    @Test
    void poll_whenTheEndpointVanishedAndIsCreatedAgain_keepsCountingPolls() {
        // given the endpoint was never created (lost message)
        worker.handle(task(ProvisionTask.Action.POLL, 7));
        // then the re-provision continues with the next poll, not with the first one
        assertThat(queue.last().task()).isEqualTo(new ProvisionTask(CLIENT, ID, ProvisionTask.Action.POLL, 8));
    }

    @Test
    void poll_endpointFailed_marksFailedWithSageMakerReasonAndErrorLog() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.FAILED, "CUDA out of memory", 0));

        worker.handle(task(ProvisionTask.Action.POLL, 1));

        assertThat(stored().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(stored().statusReason()).isEqualTo("SageMaker endpoint failed: CUDA out of memory");
        LogEntry last = log.entries(CLIENT, ID).getLast();
        assertThat(last.level()).isEqualTo("error");
        assertThat(last.message()).isEqualTo("SageMaker endpoint failed: CUDA out of memory");
    }

    @Test
    void poll_endpointMissingWhileCreating_provisionsAgain() {
        // given the endpoint was never created (lost message)
        // when
        worker.handle(task(ProvisionTask.Action.POLL, 2));
        // then
        assertThat(host.endpointsCreated()).isEqualTo(1);
        assertThat(queue.last().task().action()).isEqualTo(ProvisionTask.Action.POLL);
    }

    @Test
    void poll_deliveredTwiceAfterRunning_isHarmless() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        worker.handle(task(ProvisionTask.Action.POLL, 1));
        long version = stored().version();
        int lines = log.entries(CLIENT, ID).size();

        worker.handle(task(ProvisionTask.Action.POLL, 1));

        assertThat(stored().version()).isEqualTo(version);
        assertThat(log.entries(CLIENT, ID)).hasSize(lines);
    }

    @Test
    void poll_forDeletingDeployment_isIgnored() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        store.update(stored().withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        queue.drain();

        worker.handle(task(ProvisionTask.Action.POLL, 1));
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));

        assertThat(stored().status()).isEqualTo(DeploymentStatus.DELETING);
        assertThat(host.createCalls()).hasSize(1);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void delete_removesEndpointAndMarksDeleted_twiceIsHarmless() {
        // given
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        worker.handle(task(ProvisionTask.Action.POLL, 1));
        store.update(stored().withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        // when
        worker.handle(task(ProvisionTask.Action.DELETE, 0));
        worker.handle(task(ProvisionTask.Action.DELETE, 0));
        // then
        assertThat(stored().status()).isEqualTo(DeploymentStatus.DELETED);
        assertThat(host.exists(ENDPOINT)).isFalse();
        assertThat(host.deleteCalls()).containsExactly(ENDPOINT);
        assertThat(log.messages(CLIENT, ID)).last().asString().contains("deleted");
    }

    @Test
    void handle_unknownDeployment_doesNothing() {
        worker.handle(new ProvisionTask(CLIENT, "dep_gone", ProvisionTask.Action.PROVISION, 0));

        assertThat(host.createCalls()).isEmpty();
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void endToEnd_createPollRunDelete_withFakes() {
        // given a deployment that takes two polls to come up
        host.script(ENDPOINT, new EndpointState(Status.CREATING, null, 0), new EndpointState(Status.IN_SERVICE, null, 1));
        queue.send(task(ProvisionTask.Action.PROVISION, 0), Duration.ZERO);
        // when the worker drains the queue
        for (var next = queue.poll(); next.isPresent(); next = queue.poll()) {
            worker.handle(next.get().task());
        }
        // then
        assertThat(stored().status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(queue.tasks()).extracting(ProvisionTask::action).containsExactly(ProvisionTask.Action.PROVISION,
                ProvisionTask.Action.POLL, ProvisionTask.Action.POLL);
    }

    @Test
    void exhausted_whileCreating_marksFailedAndQueuesCleanup_soNothingStaysCreatingOrBilling() {
        // given: a SageMaker that keeps refusing, until the last delivery
        host.refuseCreates(new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "SageMaker is unavailable"));
        for (int delivery = 1; delivery <= 5; delivery++) {
            assertThatThrownBy(() -> worker.handle(task(ProvisionTask.Action.PROVISION, 0)));
        }
        // when
        worker.exhausted(task(ProvisionTask.Action.PROVISION, 0));
        // then
        assertThat(stored().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(stored().statusReason()).contains("could not be created after repeated attempts");
        assertThat(queue.last().task()).isEqualTo(task(ProvisionTask.Action.CLEANUP, 0));
    }

    @Test
    void exhausted_whileDeleting_marksFailedAndKeepsCleaningUp() {
        // given
        store.update(stored().withStatus(DeploymentStatus.DELETING, null, clock.instant()));
        // when
        worker.exhausted(task(ProvisionTask.Action.DELETE, 3));
        // then
        assertThat(stored().status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(queue.last().task()).isEqualTo(task(ProvisionTask.Action.CLEANUP, 0));
        // an exhausted cleanup is queued again at SQS's longest delay
        worker.exhausted(task(ProvisionTask.Action.CLEANUP, 0));
        assertThat(queue.last()).isEqualTo(new Sent(task(ProvisionTask.Action.CLEANUP, 0), Duration.ofMinutes(15)));
    }

    @Test
    void poll_whenTheEndpointFailed_givesAReasonWithoutArnsOrAccountIds() {
        worker.handle(task(ProvisionTask.Action.PROVISION, 0));
        host.script(ENDPOINT, new EndpointState(Status.FAILED, "Role arn:aws:iam::123456789012:role/x cannot pull"
                + " image 763104351884.dkr.ecr.us-east-1.amazonaws.com/djl", 0));
        worker.handle(task(ProvisionTask.Action.POLL, 1));
        assertThat(stored().statusReason()).doesNotContain("123456789012").doesNotContain("763104351884")
                .doesNotContain("arn:aws").contains("<arn>");
    }
}
