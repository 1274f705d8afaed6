package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.deployment.ProvisionTask;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.ProvisionTaskJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqsProvisioningQueueTest {

    @Test
    void delaySeconds_isCappedAtSqsMaximum() {
        assertThat(SqsProvisioningQueue.delaySeconds(Duration.ofHours(1))).isEqualTo(900);
        assertThat(SqsProvisioningQueue.delaySeconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(SqsProvisioningQueue.delaySeconds(Duration.ofMillis(-5))).isZero();
        assertThat(SqsProvisioningQueue.delaySeconds(null)).isZero();
    }

    @Test
    void body_isTheDocumentedJson() {
        ProvisionTask task = new ProvisionTask(new ClientId("acme"), "dep_1", ProvisionTask.Action.PROVISION, 0);

        assertThat(ProvisionTaskJson.write(task))
                .isEqualTo("{\"clientId\":\"acme\",\"deploymentId\":\"dep_1\",\"action\":\"PROVISION\",\"attempt\":0}");
        assertThat(ProvisionTaskJson.read(ProvisionTaskJson.write(task))).isEqualTo(task);
    }
}
