package com.securemodel.core.observe;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.LogEntry;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.TestDeployments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogServiceTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private final InMemoryDeploymentStore deployments = new InMemoryDeploymentStore();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final LogService service = new LogService(deployments, log, PageTokens.perProcess(), clock);

    LogServiceTest() {
        deployments.create(TestDeployments.deployment("dep_l", DeploymentStatus.RUNNING));
        for (int i = 0; i < 25; i++) {
            log.append(CLIENT, "dep_l", new LogEntry(T0.plusSeconds(i), i % 5 == 0 ? "error" : "info",
                    "line " + i, i % 2 == 0 ? "api" : "deployment-service", "req_" + i));
        }
    }

    @Test
    void pages_followTheToken_untilTheEnd_newestFirstByDefault() {
        List<String> messages = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            LogService.LogPage page = service.logs(CLIENT, "dep_l", null, null, 10, null, null, token);
            page.entries().forEach(e -> messages.add(e.message()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(pages).isEqualTo(3);
        assertThat(messages).hasSize(25).startsWith("line 24", "line 23").endsWith("line 0");
    }

    @Test
    void pagesWithoutTimes_keepTheRangeOfTheFirstPage_whileTimePassesAndLinesArrive() {
        LogService.LogPage first = service.logs(CLIENT, "dep_l", null, null, 10, null, "asc", null);
        clock.advance(java.time.Duration.ofSeconds(30));
        log.append(CLIENT, "dep_l", new LogEntry(clock.instant(), "info", "later", "api", "req_late"));
        List<String> messages = new ArrayList<>(first.entries().stream().map(LogEntry::message).toList());
        String token = first.nextToken();
        while (token != null) {
            LogService.LogPage page = service.logs(CLIENT, "dep_l", null, null, 10, null, "asc", token);
            page.entries().forEach(e -> messages.add(e.message()));
            token = page.nextToken();
            clock.advance(java.time.Duration.ofSeconds(30));
        }

        assertThat(messages).hasSize(25).startsWith("line 0").endsWith("line 24").doesNotContain("later");
        assertThat(service.logs(CLIENT, "dep_l", null, null, 100, null, "desc", null).entries().getFirst().message())
                .isEqualTo("later");
    }

    @Test
    void filters_rangeAndOrder_selectTheLines() {
        LogService.LogPage errors = service.logs(CLIENT, "dep_l", T0, T0.plusSeconds(20), 100,
                "level=error, component=api", "asc", null);

        assertThat(errors.entries()).extracting(LogEntry::message).containsExactly("line 0", "line 10");
        assertThat(errors.nextToken()).isNull();
        assertThat(service.logs(CLIENT, "dep_l", null, null, null, "request_id=req_7", null, null).entries())
                .extracting(LogEntry::message).containsExactly("line 7");
    }

    @Test
    void aTokenOfAnotherQuery_isRefused() {
        String token = service.logs(CLIENT, "dep_l", null, null, 5, null, "asc", null).nextToken();

        assertThatThrownBy(() -> service.logs(CLIENT, "dep_l", null, null, 5, null, "desc", token))
                .isInstanceOf(ServiceException.class).hasMessageContaining("next_token");
        assertThatThrownBy(() -> service.logs(CLIENT, "dep_l", null, null, 5, "level=error", "asc", token))
                .isInstanceOf(ServiceException.class).hasMessageContaining("next_token");
    }

    @Test
    void badParameters_areValidationErrors() {
        assertThatThrownBy(() -> service.logs(CLIENT, "dep_l", null, null, 1001, null, null, null))
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> service.logs(CLIENT, "dep_l", null, null, null, "colour=red", null, null))
                .hasMessageContaining("filter");
        assertThatThrownBy(() -> service.logs(CLIENT, "dep_l", null, null, null, null, "sideways", null))
                .hasMessageContaining("order");
    }
}
