package com.securemodel.functions.aws;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.EndpointScaling;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Autoscaling of an endpoint's {@code AllTraffic} variant with Application Auto Scaling: a scalable target
 * ({@code endpoint/<name>/variant/AllTraffic}, {@code sagemaker:variant:DesiredInstanceCount}) between the
 * deployment's min and max replicas, and a target-tracking policy on {@code SageMakerVariantInvocationsPerInstance}
 * (invocations per instance per minute). Registering again replaces the bounds and the policy; deregistering removes
 * the target and its policies.
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-register.html">Register a model</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-add-code-define.html">Define a scaling policy</a>
 */
public final class ApplicationAutoScalingEndpointScaling implements EndpointScaling {

    static final String POLICY_NAME = "invocations-per-instance";

    private final Supplier<ApplicationAutoScalingClient> client;
    private final double targetInvocationsPerInstance;
    private final int scaleInCooldownSeconds;
    private final int scaleOutCooldownSeconds;

    /**
     * @param targetInvocationsPerInstance the tracked value, invocations per instance per minute
     */
    public ApplicationAutoScalingEndpointScaling(Supplier<ApplicationAutoScalingClient> client,
                                                 double targetInvocationsPerInstance, int scaleInCooldownSeconds,
                                                 int scaleOutCooldownSeconds) {
        this.client = client;
        this.targetInvocationsPerInstance = targetInvocationsPerInstance;
        this.scaleInCooldownSeconds = scaleInCooldownSeconds;
        this.scaleOutCooldownSeconds = scaleOutCooldownSeconds;
    }

    static String resourceId(String endpointName) {
        return "endpoint/" + endpointName + "/variant/" + SageMakerModelHost.VARIANT;
    }

    @Override
    public void register(String endpointName, int minInstances, int maxInstances) {
        String resource = resourceId(endpointName);
        ApplicationAutoScalingClient autoScaling = client.get();
        try {
            autoScaling.registerScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                    .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                    .minCapacity(minInstances).maxCapacity(maxInstances));
            autoScaling.putScalingPolicy(b -> b.policyName(POLICY_NAME).serviceNamespace(ServiceNamespace.SAGEMAKER)
                    .resourceId(resource).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                    .policyType(PolicyType.TARGET_TRACKING_SCALING)
                    .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(targetInvocationsPerInstance)
                            .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                    MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))
                            .scaleInCooldown(scaleInCooldownSeconds).scaleOutCooldown(scaleOutCooldownSeconds)));
        } catch (SdkException e) {
            throw translate("register autoscaling of " + endpointName, e);
        }
    }

    @Override
    public void deregister(String endpointName) {
        try {
            client.get().deregisterScalableTarget(b -> b.serviceNamespace(ServiceNamespace.SAGEMAKER)
                    .resourceId(resourceId(endpointName))
                    .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        } catch (ObjectNotFoundException gone) {
            // never registered, or deregistered already
        } catch (SdkException e) {
            throw translate("deregister autoscaling of " + endpointName, e);
        }
    }

    /** Never the service's text: it names the account's resources. Every failure is worth a retry by the worker. */
    private static ServiceException translate(String what, SdkException e) {
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "Application Auto Scaling failed to " + what
                + "; retrying", e);
    }
}
