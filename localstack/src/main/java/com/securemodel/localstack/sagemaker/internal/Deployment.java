package com.securemodel.localstack.sagemaker.internal;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The loaded instances of one endpoint configuration: one pool per production variant. */
record Deployment(EndpointConfigResource config, List<InstancePool> pools) {

    Deployment {
        pools = List.copyOf(pools);
    }

    /**
     * The variant named by {@code TargetVariant}, or one chosen by the variants' weights, as SageMaker routes.
     *
     * @return null when {@code targetVariant} names no variant
     */
    InstancePool pick(String targetVariant) {
        if (targetVariant != null) {
            return pools.stream().filter(p -> p.variantName().equals(targetVariant)).findFirst().orElse(null);
        }
        double total = config.variants().stream().mapToDouble(VariantSpec::initialVariantWeight).sum();
        double point = ThreadLocalRandom.current().nextDouble() * total;
        for (int i = 0; i < pools.size(); i++) {
            point -= config.variants().get(i).initialVariantWeight();
            if (point < 0) {
                return pools.get(i);
            }
        }
        return pools.getLast();
    }

    void retire() {
        pools.forEach(InstancePool::retire);
    }
}
