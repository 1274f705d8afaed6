package com.securemodel.core.hosting;

import com.securemodel.core.deployment.Deployment;

/**
 * The one place that knows the serving container: image URI per region and the environment (model id, dtype
 * half on T4, quantization, tensor parallel degree, max tokens).
 */
public final class ContainerConfigFactory {

    /** @throws com.securemodel.core.error.ServiceException instance_type_unavailable for a region without an image */
    public ContainerSpec containerFor(Deployment deployment) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
