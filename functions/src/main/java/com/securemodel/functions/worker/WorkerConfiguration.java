package com.securemodel.functions.worker;

import com.securemodel.core.deployment.ProvisioningService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue worker functions. */
@Configuration(proxyBeanMethods = false)
public class WorkerConfiguration {

    /** {@code spring.cloud.function.definition=deploymentWorker} on the provisioning queue's Lambda. */
    @Bean
    DeploymentWorkerFunction deploymentWorker(ProvisioningService provisioning) {
        return new DeploymentWorkerFunction(provisioning);
    }
}
