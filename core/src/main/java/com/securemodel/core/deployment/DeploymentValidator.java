package com.securemodel.core.deployment;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.model.ModelInfo;
import com.securemodel.core.model.ModelRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates a {@link CreateDeploymentRequest} and applies its defaults; every message says what to fix. */
final class DeploymentValidator {

    static final String DEFAULT_INSTANCE_TYPE = "g4dn.xlarge";
    static final int MAX_REPLICAS = 10;
    private static final int MAX_TAGS = 50;
    /** SageMaker's limits of a VpcConfig. */
    static final int MAX_SUBNETS = 16;
    static final int MAX_SECURITY_GROUPS = 5;
    /**
     * The smallest non-zero generation default accepted: DynamoDB stores numbers down to 1e-130, and smaller values
     * mean nothing to a sampler anyway.
     */
    static final double MIN_SAMPLING_VALUE = 1e-6;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-]{1,63}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}");
    private static final Set<String> COMPLIANCE_MODES = Set.of("hipaa", "standard");
    private static final Set<String> ENCRYPTION_LEVELS = Set.of("standard", "maximum");

    private final ModelRegistry models;
    private final String defaultRegion;

    DeploymentValidator(ModelRegistry models, String defaultRegion) {
        this.models = models;
        this.defaultRegion = defaultRegion;
    }

    ValidDeployment validate(CreateDeploymentRequest request) {
        if (request == null) {
            throw ServiceException.invalidRequest("The request body is missing: send a JSON object with model_name");
        }
        ModelInfo model = model(request.modelName());
        int min = replicas("min_replicas", request.minReplicas(), 1);
        int max = replicas("max_replicas", request.maxReplicas(), min);
        if (max < min) {
            throw ServiceException.validation("max_replicas (" + max + ") must be at least min_replicas (" + min + ")");
        }
        return new ValidDeployment(model, deploymentName(request.deploymentName(), model), computeType(
                request.computeType()), instanceType(request.instanceType()), min, max,
                request.autoScaling() != null && request.autoScaling(), region(request.region()),
                vpc(request.vpcConfig()), tags(request.tags()), modelConfig(request.modelConfig(), model),
                security(request.securitySettings()));
    }

    private ModelInfo model(String id) {
        if (id == null || id.isBlank()) {
            throw ServiceException.validation("model_name (or model_id) is required; GET /v1/models lists them");
        }
        return models.find(id.strip()).orElseThrow(() -> new ServiceException(ErrorCode.MODEL_NOT_FOUND,
                "Model " + id + " is not in the catalog; choose one of: " + models.ids()));
    }

    private static String deploymentName(String given, ModelInfo model) {
        if (given == null) {
            String base = model.id().substring(model.id().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
            base = (base.length() > 63 ? base.substring(0, 63) : base).replaceAll("^-+|-+$", "");
            return base.isEmpty() ? "deployment" : base;
        }
        if (!NAME.matcher(given).matches()) {
            throw ServiceException.validation("deployment_name must be 1-63 letters, digits or '-'");
        }
        return given;
    }

    private static String computeType(String given) {
        String type = given == null ? "gpu" : given.strip().toLowerCase(Locale.ROOT);
        if (!type.equals("gpu")) {
            throw ServiceException.validation("compute_type must be gpu: models are served on GPU instances only");
        }
        return type;
    }

    private static String instanceType(String given) {
        if (given == null) {
            return DEFAULT_INSTANCE_TYPE;
        }
        String plain = given.strip();
        return plain.startsWith("ml.") ? plain.substring(3) : plain;
    }

    private static int replicas(String field, Integer given, int fallback) {
        int value = given == null ? fallback : given;
        if (value < 1 || value > MAX_REPLICAS) {
            throw ServiceException.validation(field + " must be between 1 and " + MAX_REPLICAS + " (got " + value + ")");
        }
        return value;
    }

    private String region(String given) {
        String region = given == null ? defaultRegion : given.strip();
        if (!REGION.matcher(region).matches()) {
            throw ServiceException.validation("region must be an AWS region such as us-east-1 (got '" + region + "')");
        }
        if (!region.equals(defaultRegion)) {
            throw ServiceException.validation("region " + region + " is not served here: this service deploys to "
                    + defaultRegion + " only (omit region, or use the service of " + region + ")");
        }
        return region;
    }

    private static VpcConfig vpc(VpcConfig given) {
        if (given == null) {
            return null;
        }
        if (given.subnetIds().size() > MAX_SUBNETS || given.securityGroupIds().size() > MAX_SECURITY_GROUPS) {
            throw ServiceException.validation("vpc_config may hold at most " + MAX_SUBNETS + " subnet ids and "
                    + MAX_SECURITY_GROUPS + " security group ids (SageMaker's limits)");
        }
        check(given.subnetIds(), "subnet-", "vpc_config.subnet_ids");
        check(given.securityGroupIds(), "sg-", "vpc_config.security_group_ids");
        if (given.subnetIds().isEmpty() || given.securityGroupIds().isEmpty()) {
            throw ServiceException.validation("vpc_config needs at least one subnet id and one security group id");
        }
        return given;
    }

    private static void check(List<String> ids, String prefix, String field) {
        for (String id : ids) {
            if (id == null || !id.startsWith(prefix) || id.length() > 64) {
                throw ServiceException.validation(field + " entries must look like " + prefix + "0abc123");
            }
        }
    }

    private static Map<String, String> tags(Map<String, String> given) {
        if (given == null) {
            return Map.of();
        }
        if (given.size() > MAX_TAGS) {
            throw ServiceException.validation("tags may hold at most " + MAX_TAGS + " entries (got " + given.size()
                    + ")");
        }
        given.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw ServiceException.validation("tag keys must be 1-128 characters");
            }
            if (value == null || value.length() > 256) {
                throw ServiceException.validation("tag " + key + " needs a string value of at most 256 characters");
            }
        });
        return given;
    }

    private static ModelConfig modelConfig(ModelConfig given, ModelInfo model) {
        ModelConfig config = given == null ? ModelConfig.EMPTY : given;
        int context = config.contextLength() == null ? model.contextLength() : config.contextLength();
        if (context < 1 || context > model.contextLength()) {
            throw ServiceException.validation("model_config.context_length must be between 1 and "
                    + model.contextLength() + " for " + model.id() + " (got " + context + ")");
        }
        Integer maxOutput = config.maxOutputTokens();
        if (maxOutput != null && (maxOutput < 1 || maxOutput > context)) {
            throw ServiceException.validation("model_config.max_output_tokens must be between 1 and the context "
                    + "length " + context + " (got " + maxOutput + ")");
        }
        Double temperature = config.defaultTemperature();
        if (temperature != null && !(temperature == 0 || (temperature >= MIN_SAMPLING_VALUE && temperature <= 2))) {
            throw ServiceException.validation("model_config.default_temperature must be 0 or between "
                    + MIN_SAMPLING_VALUE + " and 2");
        }
        Double topP = config.defaultTopP();
        if (topP != null && !(topP >= MIN_SAMPLING_VALUE && topP <= 1)) {
            throw ServiceException.validation("model_config.default_top_p must be between " + MIN_SAMPLING_VALUE
                    + " and 1");
        }
        String quantization = config.quantization() == null ? "auto"
                : config.quantization().strip().toLowerCase(Locale.ROOT);
        GpuFit.candidates(quantization);
        return new ModelConfig(context, maxOutput, temperature, topP, quantization);
    }

    private static SecuritySettings security(SecuritySettings given) {
        if (given == null) {
            return SecuritySettings.EMPTY;
        }
        String compliance = oneOf("security_settings.compliance_mode", given.complianceMode(), COMPLIANCE_MODES);
        String encryption = oneOf("security_settings.encryption_level", given.encryptionLevel(), ENCRYPTION_LEVELS);
        return new SecuritySettings(given.networkIsolation(), given.privateEndpoints(), encryption,
                given.auditLogging(), compliance);
    }

    private static String oneOf(String field, String given, Set<String> allowed) {
        if (given == null) {
            return null;
        }
        String word = given.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(word)) {
            throw ServiceException.validation(field + " must be one of " + String.join(", ",
                    allowed.stream().sorted().toList()) + " (got '" + given + "')");
        }
        return word;
    }
}
