package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.limits.RateLimiter;
import com.securemodel.core.limits.SubscriptionService;
import com.securemodel.core.limits.Tier;
import com.securemodel.core.limits.TierCatalog;
import com.securemodel.core.limits.TierResolver;
import com.securemodel.core.limits.TokenQuota;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.http.ApiEvents;
import com.securemodel.functions.http.HttpApiFunction;
import com.securemodel.functions.http.paitient.SubscriptionRoutes;
import com.securemodel.functions.http.routing.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Three service instances (each its own HTTP function, authenticator, tier cache, rate limiter and DynamoDB client,
 * as three Lambda instances are) over one table on the local cloud's DynamoDB Local: together they admit the tier's
 * requests per minute and no more, and lease the budget in blocks rather than writing per request.
 */
@ExtendWith(AwsBackendExtension.class)
class RateLimitAcrossInstancesIT {

    private static final int LIMIT = 200;
    private static final int INSTANCES = 3;
    private static final int THREADS_PER_INSTANCE = 4;
    private static final int REQUESTS_PER_THREAD = 40;

    /** Every instance's clock stands still inside one window, so the test does not depend on timing. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T06:30:10Z"));

    @Test
    void threeInstancesSharingATable_admitTheLimitPerWindowInTotal_withoutAWritePerRequest(AwsEndpoints cloud)
            throws Exception {
        // given
        String table = "ratelimit-" + UUID.randomUUID();
        DynamoDbClient setup = LocalClients.dynamoDb(cloud);
        DynamoDbTables.createIfMissing(setup, table);
        ClientId client = new ClientId("busy-" + UUID.randomUUID().toString().substring(0, 8));
        String key = new Authenticator(new DynamoDbApiKeyStore(setup, table), clock).issue(client);
        new DynamoDbTierStore(setup, table).set(client, "team", clock.instant());
        List<LocalClients.Recorder> writes = new ArrayList<>();
        List<HttpApiFunction> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            LocalClients.Recorder recorder = new LocalClients.Recorder();
            writes.add(recorder);
            instances.add(instance(LocalClients.dynamoDb(cloud, recorder), table));
        }

        // when: 480 requests at once, 160 through each instance
        ExecutorService threads = Executors.newFixedThreadPool(INSTANCES * THREADS_PER_INSTANCE);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<APIGatewayV2HTTPResponse>>> sent = new ArrayList<>();
        for (HttpApiFunction instance : instances) {
            for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                sent.add(threads.submit(() -> {
                    start.await();
                    List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
                    for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                        answers.add(instance.apply(ApiEvents.at(ApiEvents.as(ApiEvents.load("get-models.json"),
                                client.value(), key), "GET", "/v1/subscription")));
                    }
                    return answers;
                }));
            }
        }
        start.countDown();
        List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
        for (Future<List<APIGatewayV2HTTPResponse>> future : sent) {
            answers.addAll(future.get());
        }
        threads.shutdown();

        // then: exactly the limit admitted across the three instances, the rest refused with Retry-After
        long reset = Instant.parse("2026-12-02T06:31:00Z").getEpochSecond();
        assertThat(answers).hasSize(480);
        assertThat(answers).filteredOn(a -> a.getStatusCode() == 200).hasSize(LIMIT);
        List<APIGatewayV2HTTPResponse> refused = answers.stream().filter(a -> a.getStatusCode() != 200).toList();
        assertThat(refused).hasSize(480 - LIMIT).allSatisfy(a -> {
            assertThat(a.getStatusCode()).isEqualTo(429);
            assertThat(a.getBody()).contains("\"code\":\"rate_limit_exceeded\"");
            assertThat(a.getHeaders()).containsEntry("Retry-After", "50").containsEntry("X-RateLimit-Remaining", "0");
        });
        assertThat(answers).allSatisfy(a -> assertThat(a.getHeaders())
                .containsEntry("X-RateLimit-Limit", String.valueOf(LIMIT))
                .containsEntry("X-RateLimit-Reset", String.valueOf(reset)));
        long leases = writes.stream().mapToLong(w -> w.of(UpdateItemRequest.class).stream()
                .filter(u -> u.key().get("sk").s().startsWith("RATE#")).count()).sum();
        assertThat(leases).as("conditional ADDs on the window's item").isPositive().isLessThan(LIMIT / 4);
    }

    /** One service instance: what a Lambda instance builds, over its own DynamoDB client. */
    private HttpApiFunction instance(DynamoDbClient dynamoDb, String table) {
        TierResolver tiers = new TierResolver(new TierCatalog(List.of(new Tier("standard", 10, 16, 600, 1_000_000),
                new Tier("team", 10, 16, LIMIT, 1_000_000)), "standard"), new DynamoDbTierStore(dynamoDb, table),
                clock, Duration.ofSeconds(60));
        UsageRecorder usage = new UsageRecorder(new DynamoDbUsageStore(dynamoDb, table),
                new DynamoDbPeriodUsageStore(dynamoDb, table), clock, Duration.ofSeconds(5));
        SubscriptionService subscriptions = new SubscriptionService(tiers, new TokenQuota(tiers,
                new DynamoDbPeriodUsageStore(dynamoDb, table), usage, clock, Duration.ofSeconds(5)),
                new DynamoDbDeploymentQuota(dynamoDb, table), clock);
        return new HttpApiFunction(new Router(List.of(new SubscriptionRoutes(subscriptions))),
                new Authenticator(new DynamoDbApiKeyStore(dynamoDb, table), clock), usage, IdGenerator.random(), null,
                clock, new RateLimiter(new DynamoDbRateLimitStore(dynamoDb, table), tiers, clock));
    }
}
