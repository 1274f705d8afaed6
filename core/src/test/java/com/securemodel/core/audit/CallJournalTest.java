package com.securemodel.core.audit;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.fakes.InMemoryAuditStore;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallJournalTest {

    private final MutableClock clock = new MutableClock();
    private final InMemoryAuditStore audit = new InMemoryAuditStore();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final CallJournal journal = new CallJournal(audit, log, clock, Duration.ofSeconds(5));

    private CallRecord call(String requestId, String deploymentId, int status) {
        return new CallRecord(CLIENT, "key_1", deploymentId, "POST /v1/deployments/{deployment_id}/generate",
                "paitient", requestId, clock.instant(), 12, 30, status, 120);
    }

    @Test
    void calls_areWrittenOnFlush_asAuditRecords_andRequestLogLines() {
        journal.record(call("req_1", "dep_a", 200));
        journal.record(call("req_2", null, 404));
        assertThat(audit.records()).isEmpty();

        journal.flush();

        assertThat(audit.records()).extracting(CallRecord::requestId).containsExactly("req_1", "req_2");
        assertThat(log.entries(CLIENT, "dep_a")).singleElement().satisfies(line -> {
            assertThat(line.message()).isEqualTo("POST /v1/deployments/{deployment_id}/generate -> 200 in 120 ms, "
                    + "tokens 12 prompt + 30 completion");
            assertThat(line.requestId()).isEqualTo("req_1");
            assertThat(line.component()).isEqualTo("api");
            assertThat(line.level()).isEqualTo("info");
        });
    }

    @Test
    void aFailedFlush_keepsTheAuditRecords_forTheNextOne() {
        journal.record(call("req_1", "dep_a", 500));
        audit.failing(true);
        journal.flush();
        audit.failing(false);

        journal.flush();

        assertThat(audit.records()).extracting(CallRecord::requestId).containsExactly("req_1");
        assertThat(log.entries(CLIENT, "dep_a")).singleElement().extracting(l -> l.level()).isEqualTo("error");
    }
}
