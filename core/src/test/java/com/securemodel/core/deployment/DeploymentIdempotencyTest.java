package com.securemodel.core.deployment;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.InMemoryIdempotencyStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.idempotency.IdempotencyClaim;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.core.model.ModelRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeploymentIdempotencyTest {

    private static final String TINY = "securemodel/tiny-random-llama";

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final MutableClock clock = new MutableClock();
    private final InMemoryIdempotencyStore claims = new InMemoryIdempotencyStore();
    private final IdempotencyKeys keys = new IdempotencyKeys(claims, clock);
    private final DeploymentService service = new DeploymentService(store, queue, new InMemoryDeploymentLog(),
            ModelRegistry.builtIn(), new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock,
            new SequentialIdGenerator(), 10);

    private IdempotencyKeys.Outcome<Deployment> create(com.securemodel.core.tenant.ClientId client, String key,
                                                       String fingerprint) {
        return service.create(client, DeploymentServiceTest.request(TINY), keys, key, fingerprint);
    }

    @Test
    void create_sameKeyAndBody_returnsTheFirstDeploymentAndCreatesOne() {
        IdempotencyKeys.Outcome<Deployment> first = create(CLIENT, "key-1", "hash-a");
        IdempotencyKeys.Outcome<Deployment> again = create(CLIENT, "key-1", "hash-a");

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.value().id()).isEqualTo(first.value().id());
        assertThat(store.list(CLIENT)).hasSize(1);
        assertThat(queue.tasks()).hasSize(1);
    }

    @Test
    void create_sameKeyOtherBody_returns409AndCreatesNothing() {
        create(CLIENT, "key-1", "hash-a");

        assertThatThrownBy(() -> create(CLIENT, "key-1", "hash-b"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("different request body");
                });
        assertThat(store.list(CLIENT)).hasSize(1);
    }

    @Test
    void create_sameKeyOfAnotherClient_isAnotherKey() {
        Deployment mine = create(CLIENT, "shared-key", "hash-a").value();
        IdempotencyKeys.Outcome<Deployment> theirs = create(OTHER_CLIENT, "shared-key", "hash-b");

        assertThat(theirs.replayed()).isFalse();
        assertThat(theirs.value().id()).isNotEqualTo(mine.id());
        assertThat(theirs.value().clientId()).isEqualTo(OTHER_CLIENT);
    }

    @Test
    void create_whileTheFirstRequestStillRuns_returns409SayingRetry() {
        // given a claim whose deployment is not stored yet (the first request is between its claim and its put)
        claims.claim(new IdempotencyClaim(CLIENT, "deployments", "key-1", "hash-a", "dep_pending", clock.instant(),
                clock.instant().plus(IdempotencyKeys.RETENTION)));

        assertThatThrownBy(() -> create(CLIENT, "key-1", "hash-a"))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("still being processed");
                });
        assertThat(store.list(CLIENT)).isEmpty();
    }

    @Test
    void create_afterAnAbandonedClaim_createsAndTakesTheKey() {
        claims.claim(new IdempotencyClaim(CLIENT, "deployments", "key-1", "hash-a", "dep_lost", clock.instant(),
                clock.instant().plus(IdempotencyKeys.RETENTION)));
        clock.advance(Duration.ofMinutes(3));

        Deployment created = create(CLIENT, "key-1", "hash-a").value();

        assertThat(create(CLIENT, "key-1", "hash-a").value().id()).isEqualTo(created.id());
        assertThat(store.list(CLIENT)).hasSize(1);
    }

    @Test
    void create_afterTheKeyExpired_createsANewDeploymentEvenWithAnotherBody() {
        Deployment first = create(CLIENT, "key-1", "hash-a").value();
        clock.advance(IdempotencyKeys.RETENTION.plusSeconds(1));

        IdempotencyKeys.Outcome<Deployment> later = create(CLIENT, "key-1", "hash-b");

        assertThat(later.replayed()).isFalse();
        assertThat(later.value().id()).isNotEqualTo(first.id());
    }

    @Test
    void create_thatFails_releasesTheKeySoARetryCreates() {
        queue.refuse(new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "queue down"));
        assertThatThrownBy(() -> create(CLIENT, "key-1", "hash-a")).isInstanceOf(ServiceException.class);
        queue.refuse(null);

        IdempotencyKeys.Outcome<Deployment> retried = create(CLIENT, "key-1", "hash-a");

        assertThat(retried.replayed()).isFalse();
        assertThat(retried.value().status()).isEqualTo(DeploymentStatus.CREATING);
    }

    @Test
    void create_withAnInvalidBody_isA400AndClaimsNothing() {
        assertThatThrownBy(() -> service.create(CLIENT, DeploymentServiceTest.request("no/such-model"), keys,
                "key-1", "hash-a")).isInstanceOf(ServiceException.class);

        assertThat(create(CLIENT, "key-1", "hash-b").replayed()).isFalse();
    }

    @Test
    void create_withAMalformedKey_isAValidationError() {
        for (String bad : new String[] {"", "has space", "x".repeat(256), "naïve", "a\nb"}) {
            assertThatThrownBy(() -> create(CLIENT, bad, "hash-a"))
                    .isInstanceOfSatisfying(ServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.getMessage()).contains("Idempotency-Key");
                    });
        }
        assertThat(store.list(CLIENT)).isEmpty();
    }
}
