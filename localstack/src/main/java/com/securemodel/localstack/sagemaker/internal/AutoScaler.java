package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Application Auto Scaling for the emulated endpoints: {@code RegisterScalableTarget}, {@code PutScalingPolicy}
 * (target tracking on {@code SageMakerVariantInvocationsPerInstance}), {@code DescribeScalableTargets} and
 * {@code DeregisterScalableTarget}. Every evaluation period it compares each registered variant's invocations per
 * instance per minute with the policy's target: above it adds an instance, below half of it removes an idle one,
 * always within min and max (one step per period, no cooldowns). The period is short in tests.
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html">RegisterScalableTarget</a>
 */
final class AutoScaler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AutoScaler.class.getName());
    private static final String DIMENSION = "sagemaker:variant:DesiredInstanceCount";

    /** One registered variant; {@code target} is NaN until a policy is put. */
    private record Target(String resourceId, String endpoint, String variant, int min, int max, double target) {
    }

    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final ResourceStore store;
    private final EndpointLauncher launcher;
    private final Duration period;
    private final ScheduledExecutorService timer;

    AutoScaler(ResourceStore store, EndpointLauncher launcher, Duration period) {
        this.store = store;
        this.launcher = launcher;
        this.period = period;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sagemaker-emulator-autoscaler").daemon().factory());
        timer.scheduleWithFixedDelay(this::evaluateQuietly, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    ObjectNode registerScalableTarget(JsonNode request) {
        String resourceId = resourceId(request);
        String[] parts = resourceId.split("/");
        if (parts.length != 4 || !parts[0].equals("endpoint") || !parts[2].equals("variant")) {
            throw AwsErrorException.controlPlane("ValidationException", "Unsupported resource id " + resourceId
                    + ": use endpoint/<endpoint name>/variant/<variant name>");
        }
        Target old = targets.get(resourceId);
        int min = request.path("MinCapacity").asInt(old == null ? 1 : old.min());
        int max = request.path("MaxCapacity").asInt(old == null ? min : old.max());
        if (min < 1 || max < min) {
            throw AwsErrorException.controlPlane("ValidationException", "MinCapacity must be at least 1 and at most"
                    + " MaxCapacity");
        }
        targets.put(resourceId, new Target(resourceId, parts[1], parts[3], min, max,
                old == null ? Double.NaN : old.target()));
        return Json.object().put("ScalableTargetARN", "arn:aws:application-autoscaling:us-east-1:000000000000:"
                + "scalable-target/" + Integer.toHexString(resourceId.hashCode()));
    }

    ObjectNode putScalingPolicy(JsonNode request) {
        String resourceId = resourceId(request);
        Target target = targets.get(resourceId);
        if (target == null) {
            throw AwsErrorException.controlPlane("ObjectNotFoundException", "No scalable target registered for"
                    + " service namespace: sagemaker, resource ID: " + resourceId + ", scalable dimension: "
                    + DIMENSION);
        }
        JsonNode config = request.path("TargetTrackingScalingPolicyConfiguration");
        if (!config.path("TargetValue").isNumber() || config.path("TargetValue").asDouble() <= 0) {
            throw AwsErrorException.controlPlane("ValidationException", "TargetTrackingScalingPolicyConfiguration"
                    + ".TargetValue must be a positive number");
        }
        targets.put(resourceId, new Target(resourceId, target.endpoint(), target.variant(), target.min(),
                target.max(), config.path("TargetValue").asDouble()));
        String name = request.path("PolicyName").asText("policy");
        return Json.object().put("PolicyARN", "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:"
                + Integer.toHexString(resourceId.hashCode()) + ":resource/sagemaker/" + resourceId + ":policyName/"
                + name);
    }

    ObjectNode deregisterScalableTarget(JsonNode request) {
        String resourceId = resourceId(request);
        if (targets.remove(resourceId) == null) {
            throw AwsErrorException.controlPlane("ObjectNotFoundException", "No scalable target registered for"
                    + " service namespace: sagemaker, resource ID: " + resourceId + ", scalable dimension: "
                    + DIMENSION);
        }
        return Json.object();
    }

    ObjectNode describeScalableTargets(JsonNode request) {
        ObjectNode response = Json.object();
        ArrayNode list = response.putArray("ScalableTargets");
        JsonNode ids = request.path("ResourceIds");
        targets.values().stream()
                .filter(t -> !ids.isArray() || ids.isEmpty() || contains(ids, t.resourceId()))
                .forEach(t -> list.addObject().put("ServiceNamespace", "sagemaker").put("ResourceId", t.resourceId())
                        .put("ScalableDimension", DIMENSION).put("MinCapacity", t.min()).put("MaxCapacity", t.max())
                        .put("RoleARN", "arn:aws:iam::000000000000:role/aws-service-role/sagemaker.application-"
                                + "autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint")
                        .put("CreationTime", 0));
        return response;
    }

    private static boolean contains(JsonNode ids, String id) {
        for (JsonNode node : ids) {
            if (node.asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static String resourceId(JsonNode request) {
        String namespace = request.path("ServiceNamespace").asText("");
        String dimension = request.path("ScalableDimension").asText(DIMENSION);
        if (!namespace.equals("sagemaker") || !dimension.equals(DIMENSION)) {
            throw AwsErrorException.controlPlane("ValidationException", "The emulator scales sagemaker variants"
                    + " (" + DIMENSION + ") only");
        }
        String resourceId = request.path("ResourceId").asText("");
        if (resourceId.isEmpty()) {
            throw AwsErrorException.controlPlane("ValidationException", "ResourceId is required");
        }
        return resourceId;
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Autoscaling evaluation failed", e);
        }
    }

    /** One evaluation period: at most one step per registered variant. */
    void evaluate() {
        double perMinute = 60_000.0 / period.toMillis();
        for (Target target : targets.values()) {
            EndpointState endpoint = store.endpoint(target.endpoint());
            Deployment serving = endpoint == null ? null : endpoint.serving();
            InstancePool pool = serving == null ? null : serving.pick(target.variant());
            if (pool == null) {
                continue;
            }
            int size = pool.size();
            double load = pool.takeInvocations() * perMinute / size;
            boolean busy = !Double.isNaN(target.target()) && load > target.target();
            boolean quiet = Double.isNaN(target.target()) || load < target.target() / 2;
            if (size < target.min() || (busy && size < target.max())) {
                pool.grow(launcher.loadInstance(pool));
            } else if (size > target.max() || (quiet && size > target.min())) {
                pool.shrink();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
