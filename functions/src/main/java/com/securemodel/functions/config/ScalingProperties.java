package com.securemodel.functions.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Autoscaling of deployments with {@code auto_scaling: true}, prefix {@code securemodel.autoscaling} (on Lambda
 * {@code SECUREMODEL_AUTOSCALING_TARGET_INVOCATIONS_PER_INSTANCE}, ...).
 *
 * @param targetInvocationsPerInstance the target-tracking value: invocations per instance per minute
 *        ({@code SageMakerVariantInvocationsPerInstance})
 * @param scaleInCooldown wait after a scale-in before the next one
 * @param scaleOutCooldown wait after a scale-out before the next one
 */
@ConfigurationProperties("securemodel.autoscaling")
public record ScalingProperties(@DefaultValue("30") double targetInvocationsPerInstance,
                                @DefaultValue("300s") Duration scaleInCooldown,
                                @DefaultValue("60s") Duration scaleOutCooldown) {
}
