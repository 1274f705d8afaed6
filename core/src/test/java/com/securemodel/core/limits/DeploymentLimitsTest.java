package com.securemodel.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.deployment.CreateDeploymentRequest;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentLimits;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.ObservedDeploymentStore;
import com.securemodel.core.deployment.UpdateDeploymentRequest;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.InMemoryTierStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployment quota through {@link DeploymentService}: GPU instances per create and per {@code PATCH}. */
class DeploymentLimitsTest {

    private static final ClientId CLIENT = TestDeployments.CLIENT;
    private static final String TINY = "securemodel/tiny-random-llama";
    private final MutableClock clock = new MutableClock();
    private final InMemoryDeploymentStore rows = new InMemoryDeploymentStore();
    private final ObservedDeploymentStore store = new ObservedDeploymentStore(rows);
    private final InProcessDeploymentQuota quota = new InProcessDeploymentQuota();
    private final DeploymentLimits limits = new DeploymentLimits(quota, new TierResolver(new TierCatalog(
            List.of(new Tier("eight", 3, 8, 60, 1)), "eight"), new InMemoryTierStore(), clock, Duration.ZERO),
            InstanceCatalog.builtIn(), store, clock);
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final DeploymentService service = new DeploymentService(store, queue, new InMemoryDeploymentLog(),
            ModelRegistry.builtIn(), new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock,
            IdGenerator.random(), limits, null);

    {
        store.onChange(limits::releaseIfEnded);
    }

    private static CreateDeploymentRequest tiny(String type, int min, int max, boolean autoScaling) {
        return new CreateDeploymentRequest(TINY, "d", "gpu", type, min, max, autoScaling, "us-east-1", null, Map.of(),
                null, null);
    }

    @Test
    void gpuInstances_areGpusOfTheTypeTimesTheReplicasItCanReach() {
        assertThat(limits.gpuInstances("g4dn.xlarge", 1, 3, true)).isEqualTo(3);
        assertThat(limits.gpuInstances("g4dn.xlarge", 2, 3, false)).isEqualTo(2);
        assertThat(limits.gpuInstances("g4dn.12xlarge", 1, 2, true)).isEqualTo(8);
    }

    @Test
    void patchThatWouldPassTheGpuLimit_isRefused_andOneWithinItMovesTheSlot() {
        Deployment deployment = service.create(CLIENT, tiny("g4dn.xlarge", 1, 2, true));
        rows.put(rows.find(CLIENT, deployment.id()).orElseThrow()
                .withStatus(com.securemodel.core.deployment.DeploymentStatus.RUNNING, null, clock.instant()));
        assertThat(quota.usage(CLIENT)).isEqualTo(new DeploymentQuota.Usage(1, 2));

        assertThatThrownBy(() -> service.update(CLIENT, deployment.id(),
                new UpdateDeploymentRequest(null, 9, null, null, null, null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    assertThat(e.getMessage()).contains("needs 9 GPU instances", "allows 8");
                });
        service.update(CLIENT, deployment.id(), new UpdateDeploymentRequest(null, 8, null, null, null, null));

        assertThat(quota.usage(CLIENT)).isEqualTo(new DeploymentQuota.Usage(1, 8));
    }
}
