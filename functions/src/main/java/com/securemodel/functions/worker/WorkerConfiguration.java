package com.securemodel.functions.worker;

import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.deployment.ProvisioningService;
import com.securemodel.functions.http.HttpApiFunction;
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

    /** {@code spring.cloud.function.definition=asyncRequestWorker} on the async request queue's Lambda. */
    @Bean
    AsyncRequestWorkerFunction asyncRequestWorker(AsyncRequestService requests, HttpApiFunction httpApi) {
        return new AsyncRequestWorkerFunction(requests, httpApi);
    }
}
