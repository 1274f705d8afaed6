package com.securemodel.functions.admin;

import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.DynamoDbTierStore;
import com.securemodel.functions.config.TierProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Sets a client's subscription tier: {@code ./mvnw -q -pl functions -am test-compile exec:exec@set-tier
 * -Dclient=acme -Dtier=pro}. The tier must be one the service's configuration defines ({@code application.properties}'s
 * {@code securemodel.tiers}, overridden by the same environment variables the functions read). Reads the table
 * settings as {@link CreateApiKey} does. Running instances apply the new tier within their tier cache period (60 s).
 */
public final class SetTier {

    private SetTier() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || args[0].isBlank() || args[0].startsWith("${") || args[1].startsWith("${")) {
            System.err.println("usage: SetTier <client-id> <tier>   "
                    + "(./mvnw -q -pl functions -am test-compile exec:exec@set-tier -Dclient=<id> -Dtier=<tier>)");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        String table = env.getOrDefault("SECUREMODEL_TABLE_NAME", "securemodel");
        try (DynamoDbClient dynamoDb = CreateApiKey.client(env)) {
            ClientId clientId = new ClientId(args[0]);
            TierResolver tiers = new TierResolver(configuredTiers().catalog(), new DynamoDbTierStore(dynamoDb, table),
                    Clock.systemUTC(), Duration.ZERO);
            Tier tier = tiers.assign(clientId, args[1].strip());
            System.out.printf("Client %s is on tier %s: %d deployments, %d GPU instances, %d requests per minute,"
                    + " %d tokens per month%n", clientId, tier.name(), tier.maxDeployments(), tier.maxGpuInstances(),
                    tier.requestsPerMinute(), tier.tokensPerPeriod());
        } catch (RuntimeException e) {
            System.err.println("Could not set the tier in table " + table + ": " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /** The tiers as the functions bind them: {@code application.properties}, then the environment over it. */
    static TierProperties configuredTiers() {
        return configuredTiers(new StandardEnvironment());
    }

    /** @param environment its property sources (the process environment) win over {@code application.properties} */
    static TierProperties configuredTiers(StandardEnvironment environment) {
        try {
            new PropertiesPropertySourceLoader().load("application.properties",
                    new ClassPathResource("application.properties"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.get(environment)).bind("securemodel", TierProperties.class)
                .orElseThrow(() -> new IllegalStateException("No securemodel settings in application.properties"));
    }
}
