package com.securemodel.functions.config;

import com.securemodel.core.deployment.DeploymentLimits;
import com.securemodel.core.deployment.ObservedDeploymentStore;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.limits.DeploymentQuota;
import com.securemodel.core.limits.RateLimiter;
import com.securemodel.core.limits.SubscriptionService;
import com.securemodel.core.limits.TierCatalog;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.limits.TokenQuota;
import com.securemodel.core.usage.PeriodUsageStore;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.aws.DynamoDbDeploymentQuota;
import com.securemodel.functions.aws.DynamoDbPeriodUsageStore;
import com.securemodel.functions.aws.DynamoDbRateLimitStore;
import com.securemodel.functions.aws.DynamoDbTierStore;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Subscription tiers and what enforces them: the deployment quota (slots in the table), the token quota of the
 * billing period, the rate limiter shared by every instance, and {@code GET /v1/subscription}.
 */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean
    TierCatalog tierCatalog(TierProperties properties) {
        return properties.catalog();
    }

    @Bean
    TierResolver tierResolver(TierCatalog catalog, DynamoDbClient dynamoDb, AwsResources resources,
                              TierProperties properties, Clock clock) {
        return new TierResolver(catalog, new DynamoDbTierStore(dynamoDb, resources.tableName()), clock,
                properties.tierCacheTtl());
    }

    @Bean
    DeploymentQuota deploymentQuota(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbDeploymentQuota(dynamoDb, resources.tableName());
    }

    /**
     * Listens to every deployment write: one written failed or deleted gives its slot back, whichever function wrote
     * it (the API, the deployment worker and its dead-letter handling, the expiry sweep).
     */
    @Bean
    DeploymentLimits deploymentLimits(DeploymentQuota quota, TierResolver tiers, InstanceCatalog instances,
                                      ObservedDeploymentStore store, Clock clock) {
        DeploymentLimits limits = new DeploymentLimits(quota, tiers, instances, store, clock);
        store.onChange(limits::releaseIfEnded);
        return limits;
    }

    @Bean
    PeriodUsageStore periodUsageStore(DynamoDbClient dynamoDb, AwsResources resources) {
        return new DynamoDbPeriodUsageStore(dynamoDb, resources.tableName());
    }

    @Bean
    TokenQuota tokenQuota(TierResolver tiers, PeriodUsageStore periods, UsageRecorder usage, Clock clock,
                          TierProperties properties) {
        return new TokenQuota(tiers, periods, usage, clock, properties.usageReadTtl());
    }

    @Bean
    RateLimiter rateLimiter(DynamoDbClient dynamoDb, AwsResources resources, TierResolver tiers, Clock clock) {
        return new RateLimiter(new DynamoDbRateLimitStore(dynamoDb, resources.tableName()), tiers, clock);
    }

    @Bean
    SubscriptionService subscriptionService(TierResolver tiers, TokenQuota tokens, DeploymentQuota quota,
                                            Clock clock) {
        return new SubscriptionService(tiers, tokens, quota, clock);
    }
}
