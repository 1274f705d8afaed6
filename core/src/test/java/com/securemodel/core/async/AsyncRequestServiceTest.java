package com.securemodel.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryAsyncRequests;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.tenant.ClientId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncRequestServiceTest {

    private final InMemoryAsyncRequests rows = new InMemoryAsyncRequests();
    private final MutableClock clock = new MutableClock();
    private final AsyncRequestService service = new AsyncRequestService(rows, rows, clock,
            new SequentialIdGenerator(), Duration.ofMinutes(30));
    private final ClientId acme = new ClientId("acme");
    private final byte[] body = "{\"messages\": []}".getBytes(StandardCharsets.UTF_8);

    @Test
    void submit_storesAndQueuesTheIdOnly() {
        AsyncRequest request = service.submit(acme, "POST /queue/chat/completions", body);

        assertThat(request.status()).isEqualTo(AsyncRequest.Status.QUEUED);
        assertThat(rows.sent()).containsExactly(new InMemoryAsyncRequests.Sent(acme, request.id()));
        assertThat(service.get(acme, request.id()).body()).isEqualTo(body);
    }

    @Test
    void run_storesTheAnswer_dropsTheBody_andADuplicateDeliveryChangesNothing() {
        AsyncRequest request = service.submit(acme, "POST /queue/chat/completions", body);
        AtomicInteger runs = new AtomicInteger();
        AsyncRequestService.Runner runner = r -> {
            runs.incrementAndGet();
            return new AsyncRequestService.Answer(200, "{\"object\":\"chat.completion\"}");
        };

        service.run(acme, request.id(), runner);
        service.run(acme, request.id(), runner);

        AsyncRequest done = service.get(acme, request.id());
        assertThat(runs).hasValue(1);
        assertThat(done.status()).isEqualTo(AsyncRequest.Status.COMPLETED);
        assertThat(done.httpStatus()).isEqualTo(200);
        assertThat(done.answer()).contains("chat.completion");
        assertThat(done.body()).isEmpty();
    }

    @Test
    void run_thatThrows_leavesTheRequestForTheNextDelivery() {
        AsyncRequest request = service.submit(acme, "POST /queue/chat/completions", body);

        assertThatThrownBy(() -> service.run(acme, request.id(), r -> {
            throw new ServiceException(ErrorCode.RATE_LIMIT_EXCEEDED, "busy");
        }));
        service.run(acme, request.id(), r -> new AsyncRequestService.Answer(400, "{\"error\":{}}"));

        assertThat(service.get(acme, request.id()).status()).isEqualTo(AsyncRequest.Status.FAILED);
    }

    @Test
    void get_ofAnotherClientOrUnknownId_isNotFound() {
        AsyncRequest request = service.submit(acme, "POST /queue/chat/completions", body);

        for (var call : new Runnable[] {() -> service.get(new ClientId("globex"), request.id()),
                () -> service.get(acme, "qreq_nothing"), () -> service.get(acme, "../x")}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND));
        }
    }

    @Test
    void aRequestNoWorkerFinishes_readsAsFailedAfterTheLimit_notPendingForEver() {
        AsyncRequest request = service.submit(acme, "POST /queue/chat/completions", body);

        clock.advance(Duration.ofMinutes(31));

        AsyncRequest seen = service.get(acme, request.id());
        assertThat(seen.status()).isEqualTo(AsyncRequest.Status.FAILED);
        assertThat(seen.httpStatus()).isEqualTo(504);
    }

    @Test
    void aQueueThatRefuses_failsTheRequest_insteadOfLeavingItPending() {
        rows.failSends(new IllegalStateException("queue down"));

        assertThatThrownBy(() -> service.submit(acme, "POST /queue/chat/completions", body))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }
}
