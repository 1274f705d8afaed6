package com.securemodel.functions.config;

import com.securemodel.core.audit.AuditStore;
import com.securemodel.core.audit.CallJournal;
import com.securemodel.core.deployment.DeploymentLog;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.observe.AuditService;
import com.securemodel.core.observe.LogService;
import com.securemodel.core.observe.MetricsService;
import com.securemodel.core.observe.PageTokens;
import com.securemodel.core.usage.UsageStore;
import com.securemodel.functions.aws.DynamoDbAuditStore;
import com.securemodel.functions.http.paitient.internal.ObservabilityHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Metrics, logs and the audit trail: the services behind their routes, the audit store, the call journal (flushed
 * with usage by {@link UsageFlusher}) and the page-token secret.
 *
 * <p>Settings: {@code securemodel.audit.retention} ({@code SECUREMODEL_AUDIT_RETENTION}, default {@code 2192d}, six
 * years) and {@code securemodel.pagination.secret} ({@code SECUREMODEL_PAGINATION_SECRET}, at least 16 bytes; every
 * instance must share it, else a {@code next_token} from one instance is refused by another; without it each process
 * draws its own and says so).
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityConfiguration.class);

    @Bean
    AuditStore auditStore(DynamoDbClient dynamoDb, AwsResources resources,
                          @Value("${securemodel.audit.retention:2192d}") Duration retention) {
        return new DynamoDbAuditStore(dynamoDb, resources.tableName(), retention);
    }

    @Bean
    CallJournal callJournal(AuditStore audit, DeploymentLog log, Clock clock) {
        return new CallJournal(audit, log, clock, UsageFlusher.INTERVAL);
    }

    @Bean
    PageTokens pageTokens(@Value("${securemodel.pagination.secret:}") String secret) {
        if (secret.isBlank()) {
            LOG.warn("No securemodel.pagination.secret: next_token values hold in this process only");
            return PageTokens.perProcess();
        }
        return new PageTokens(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    ObservabilityHandlers observabilityHandlers(DeploymentStore deployments, UsageStore usage, DeploymentLog log,
                                                AuditStore audit, PageTokens tokens, Clock clock) {
        return new ObservabilityHandlers(new MetricsService(deployments, usage, clock),
                new LogService(deployments, log, tokens, clock), new AuditService(audit, tokens, clock));
    }
}
