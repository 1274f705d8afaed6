package com.securemodel.localstack.sagemaker.internal;

import com.securemodel.localstack.llm.ModelCatalog;
import com.securemodel.localstack.llm.ModelLoadException;
import com.securemodel.localstack.llm.ModelLoader;
import com.securemodel.localstack.llm.TextGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Starts the "instances" of an endpoint configuration: for each variant, resolves its model's GGUF through the
 * catalog and loads one {@link TextGenerator} per instance.
 */
final class EndpointLauncher {

    private final ModelCatalog catalog;
    private final ModelLoader loader;
    private final int maxQueuedPerEndpoint;
    private final Set<String> withoutCapacity = ConcurrentHashMap.newKeySet();

    EndpointLauncher(ModelCatalog catalog, ModelLoader loader, int maxQueuedPerEndpoint) {
        this.catalog = catalog;
        this.loader = loader;
        this.maxQueuedPerEndpoint = maxQueuedPerEndpoint;
    }

    /**
     * @param models looks a model up by name; null when it was deleted
     * @throws ModelLoadException with a reason that says what to fix
     */
    Deployment launch(EndpointConfigResource config, Function<String, ModelResource> models) {
        List<InstancePool> pools = new ArrayList<>();
        try {
            for (VariantSpec variant : config.variants()) {
                pools.add(launch(variant, models.apply(variant.modelName())));
            }
            return new Deployment(config, pools);
        } catch (RuntimeException e) {
            pools.forEach(InstancePool::retire);
            throw e;
        }
    }

    /**
     * Makes launches of {@code instanceType} fail (or succeed again) as SageMaker's do when it has no capacity of that
     * type: a new endpoint ends {@code Failed}, an update is rolled back to the old configuration.
     */
    void capacity(String instanceType, boolean available) {
        if (available) {
            withoutCapacity.remove(instanceType);
        } else {
            withoutCapacity.add(instanceType);
        }
    }

    /** Loads one more instance of the pool's model (autoscaling out). */
    TextGenerator loadInstance(InstancePool pool) {
        return loader.load(pool.modelId(), catalog.resolve(pool.modelId()));
    }

    private InstancePool launch(VariantSpec variant, ModelResource model) {
        if (model == null) {
            throw new ModelLoadException("Could not find model \"" + variant.modelName() + "\" of variant "
                    + variant.variantName() + ": it was deleted; create it again, then update the endpoint.");
        }
        if (withoutCapacity.contains(variant.instanceType())) {
            throw new ModelLoadException("Unable to provision requested ML compute capacity for variant "
                    + variant.variantName() + " (" + variant.instanceType() + "). Please retry using a different ML"
                    + " instance type or after some time.");
        }
        String modelId = ModelIds.of(model);
        Path gguf = catalog.resolve(modelId);
        List<TextGenerator> generators = new ArrayList<>();
        try {
            for (int i = 0; i < variant.initialInstanceCount(); i++) {
                generators.add(loader.load(modelId, gguf));
            }
        } catch (RuntimeException e) {
            generators.forEach(TextGenerator::close);
            throw e;
        }
        return new InstancePool(variant.variantName(), modelId, generators, maxQueuedPerEndpoint);
    }
}
