package com.securemodel.functions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.deployment.CreateDeploymentRequest;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The whole local mode: embedded cloud, table and queue, local-dev key, queue poller and worker, tiny model. */
class LocalModeIT extends LocalModeTestSupport {

    @Autowired
    DeploymentService deployments;
    @Autowired
    Authenticator authenticator;

    @Test
    void localDevKey_authenticates() {
        assertThat(authenticator.authenticate("Bearer sk-local-dev", "local-dev")).isEqualTo(new ClientId("local-dev"));
    }

    @Test
    void createDeployment_isProvisionedThroughTheQueueAndPollerToRunning() throws InterruptedException {
        ClientId client = new ClientId("local-dev");
        Deployment created = deployments.create(client, new CreateDeploymentRequest("securemodel/tiny-random-llama",
                "local-it", null, "g4dn.xlarge", null, null, null, null, null, null, null, null));

        Deployment latest = created;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latest.status() == DeploymentStatus.CREATING && System.nanoTime() < deadline) {
            Thread.sleep(200);
            latest = deployments.get(client, created.id());
        }

        assertThat(latest.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(latest.currentReplicas()).isEqualTo(1);
    }
}
