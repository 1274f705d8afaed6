package com.securemodel.core.fakes;

import com.securemodel.core.ServiceSettings;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.tenant.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Ready-made settings and deployments for tests. */
public final class TestDeployments {

    public static final ClientId CLIENT = new ClientId("acme");
    public static final ClientId OTHER_CLIENT = new ClientId("globex");

    private TestDeployments() {
    }

    /** Settings with prefix {@code sm}, region us-east-1, a KMS key, 30 s polls and 40 attempts. */
    public static ServiceSettings settings() {
        return new ServiceSettings("sm", "arn:aws:iam::123456789012:role/sagemaker", "us-east-1",
                "https://api.example.com", Duration.ofSeconds(30), 40,
                "arn:aws:kms:us-east-1:123456789012:key/abc", false);
    }

    /** A deployment of the reference model on g4dn.xlarge in int4, in {@code status}, version 1. */
    public static Deployment deployment(String id, DeploymentStatus status) {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        return new Deployment(CLIENT, id, "ZimaBlueAI/HuatuoGPT-o1-8B", "clinical-assistant", "gpu", "g4dn.xlarge",
                1, 1, 0, false, "us-east-1", null, Map.of(), new ModelConfig(4096, 1024, 0.7, 0.95, "auto"),
                SecuritySettings.EMPTY, new HostingPlan("int4", 1, 8.0, "sm-" + id.replace('_', '-')), status, null,
                now, now, 1);
    }
}
