package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code CreateModel}, {@code DescribeModel}, {@code DeleteModel}, {@code CreateEndpointConfig},
 * {@code DescribeEndpointConfig} and {@code DeleteEndpointConfig}, with the real service's validation and messages.
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html">CreateModel</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html">CreateEndpointConfig</a>
 */
final class ModelOperations {

    /** Instance families whose storage is local NVMe: SageMaker refuses a {@code KmsKeyId} for them. */
    private static final Set<String> NVME_FAMILIES = Set.of("g4dn", "g5", "g6", "g6e", "p3dn", "p4d", "p4de", "p5",
            "p5e", "inf2", "trn1");

    private final ResourceStore store;

    ModelOperations(ResourceStore store) {
        this.store = store;
    }

    ObjectNode createModel(JsonNode request, String region) {
        String name = Names.requireName(request, "ModelName");
        JsonNode container = request.has("PrimaryContainer") ? request.get("PrimaryContainer")
                : request.path("Containers").path(0);
        if (!container.isObject()) {
            throw AwsErrorException.validation("Either PrimaryContainer or Containers must be specified.");
        }
        String arn = Arns.of(region, "model", name);
        ModelResource model = new ModelResource(name, arn, (ObjectNode) container.deepCopy(),
                (ObjectNode) request.deepCopy(), store.now());
        if (store.models().putIfAbsent(Names.key(name), model) != null) {
            throw AwsErrorException.validation("Cannot create already existing model \"" + arn + "\".");
        }
        return Json.object().put("ModelArn", arn);
    }

    ObjectNode describeModel(JsonNode request, String region) {
        ModelResource model = model(Names.requireText(request, "ModelName"), region);
        ObjectNode response = model.request().deepCopy();
        response.remove("Tags");
        return response.put("ModelArn", model.arn()).put("CreationTime", Json.epochSeconds(model.created()));
    }

    ObjectNode deleteModel(JsonNode request, String region) {
        String name = Names.requireText(request, "ModelName");
        if (store.models().remove(Names.key(name)) == null) {
            throw notFound("model", name, region);
        }
        return Json.object();
    }

    ObjectNode createEndpointConfig(JsonNode request, String region) {
        String name = Names.requireName(request, "EndpointConfigName");
        List<VariantSpec> variants = variants(request, region);
        String kmsKeyId = Json.text(request, "KmsKeyId");
        if (kmsKeyId != null) {
            variants.stream().map(VariantSpec::instanceType).filter(ModelOperations::hasNvmeStorage).findFirst()
                    .ifPresent(type -> {
                        throw AwsErrorException.validation("The instance type " + type + " has instance store"
                                + " volumes, which are hardware-encrypted, and does not support KmsKeyId: remove"
                                + " KmsKeyId from the endpoint configuration.");
                    });
        }
        String arn = Arns.of(region, "endpoint-config", name);
        EndpointConfigResource config = new EndpointConfigResource(name, arn, variants,
                (ObjectNode) request.deepCopy(), store.now());
        if (store.configs().putIfAbsent(Names.key(name), config) != null) {
            throw AwsErrorException.validation("Cannot create already existing endpoint configuration \""
                    + arn + "\".");
        }
        return Json.object().put("EndpointConfigArn", arn);
    }

    ObjectNode describeEndpointConfig(JsonNode request, String region) {
        EndpointConfigResource config = config(Names.requireText(request, "EndpointConfigName"), region);
        ObjectNode response = config.request().deepCopy();
        response.remove("Tags");
        return response.put("EndpointConfigArn", config.arn())
                .put("CreationTime", Json.epochSeconds(config.created()));
    }

    ObjectNode deleteEndpointConfig(JsonNode request, String region) {
        String name = Names.requireText(request, "EndpointConfigName");
        if (store.configs().remove(Names.key(name)) == null) {
            throw notFound("endpoint configuration", name, region);
        }
        return Json.object();
    }

    ModelResource model(String name, String region) {
        ModelResource model = store.models().get(Names.key(name));
        if (model == null) {
            throw notFound("model", name, region);
        }
        return model;
    }

    EndpointConfigResource config(String name, String region) {
        EndpointConfigResource config = store.configs().get(Names.key(name));
        if (config == null) {
            throw notFound("endpoint configuration", name, region);
        }
        return config;
    }

    static AwsErrorException notFound(String what, String name, String region) {
        String type = what.equals("endpoint configuration") ? "endpoint-config" : what;
        return AwsErrorException.validation("Could not find " + what + " \"" + Arns.of(region, type, name) + "\".");
    }

    private List<VariantSpec> variants(JsonNode request, String region) {
        JsonNode variants = request.get("ProductionVariants");
        if (!(variants instanceof ArrayNode array) || array.isEmpty() || array.size() > 10) {
            throw Names.constraint(variants == null ? "null" : variants, "ProductionVariants",
                    "Member must have length less than or equal to 10 and greater than or equal to 1");
        }
        List<VariantSpec> specs = new ArrayList<>();
        for (JsonNode variant : array) {
            String variantName = Names.requireName(variant, "VariantName");
            String modelName = Names.requireName(variant, "ModelName");
            model(modelName, region);
            String instanceType = Names.requireText(variant, "InstanceType");
            int count = variant.path("InitialInstanceCount").asInt(1);
            if (count < 1) {
                throw Names.constraint(count, "InitialInstanceCount",
                        "Member must have value greater than or equal to 1");
            }
            specs.add(new VariantSpec(variantName, modelName, instanceType, count,
                    variant.path("InitialVariantWeight").asDouble(1.0)));
        }
        if (specs.stream().map(v -> Names.key(v.variantName())).distinct().count() != specs.size()) {
            throw AwsErrorException.validation("The VariantName values of ProductionVariants must be unique.");
        }
        return specs;
    }

    private static boolean hasNvmeStorage(String instanceType) {
        String[] parts = instanceType.toLowerCase(Locale.ROOT).split("\\.");
        return parts.length == 3 && NVME_FAMILIES.contains(parts[1]);
    }
}
