package com.securemodel.core.hosting;

import java.util.Map;

/** The serving container of a SageMaker model: image URI and environment (see {@code ContainerConfigFactory}). */
public record ContainerSpec(String image, Map<String, String> environment) {

    public ContainerSpec {
        environment = Map.copyOf(environment);
    }
}
