package com.securemodel.core.bytez;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.fakes.InMemoryModelCatalog;
import com.securemodel.core.fakes.InMemoryModelJobStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingModelJobQueue;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.model.ModelRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelJobServiceTest {

    private static final String GPT2 = "openai-community/gpt2";
    private static final ModelMetadata GPT2_META = new ModelMetadata("gpt2", 124_000_000L, "f32", 1024, 12, 12, 64,
            null);

    private final MutableClock clock = new MutableClock();
    private final InMemoryModelJobStore jobs = new InMemoryModelJobStore();
    private final RecordingModelJobQueue queue = new RecordingModelJobQueue();
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog();
    private final AtomicInteger inspections = new AtomicInteger();
    private final Map<String, ModelMetadata> artifacts = Map.of(GPT2, GPT2_META,
            "big/model-1t", new ModelMetadata("llama", 1_000_000_000_000L, "bf16", 8192, 120, 8, 128, null));
    private final ModelInspector inspector = id -> {
        inspections.incrementAndGet();
        ModelMetadata found = artifacts.get(id);
        if (found == null) {
            throw new ModelUnreadableException("no GGUF file for model '" + id + "'");
        }
        return found;
    };
    private final ModelRegistry registry = ModelRegistry.builtIn().with(catalog);
    private final ModelJobService jobsService = new ModelJobService(jobs, queue, registry, catalog, inspector,
            new Placement(new GpuFit(InstanceCatalog.builtIn()), List.of("g4dn.xlarge", "g4dn.12xlarge")), clock);

    @Test
    void submit_queuesOnce_thenReportsQueued_thenAvailableAfterTheWorker() {
        JobReport first = jobsService.submit(CLIENT, GPT2);
        assertThat(first.firstCall()).isTrue();
        assertThat(first.message()).isNull();
        assertThat(queue.sent()).hasSize(1);

        JobReport again = jobsService.submit(CLIENT, GPT2);
        assertThat(again.message()).isEqualTo("Model is already queued");
        assertThat(again.startTime()).isNull();
        assertThat(queue.sent()).hasSize(1);

        clock.advance(Duration.ofSeconds(3));
        jobsService.handle(queue.sent().getFirst());
        JobReport done = jobsService.submit(CLIENT, GPT2);
        assertThat(done.message()).isEqualTo("Model available");
        assertThat(done.startTime()).isNotNull();
        assertThat(done.endTime()).isNotNull();
        var entry = catalog.find(GPT2).orElseThrow();
        assertThat(entry.requiredRamGb()).isPositive();
        assertThat(entry.task()).isEqualTo("text-generation");
        assertThat(entry.benchmarked()).isFalse();
        assertThat(registry.find(GPT2)).as("loadable now").isPresent();
    }

    @Test
    void handle_duplicateDelivery_changesNothing() {
        jobsService.submit(CLIENT, GPT2);
        ModelJobTask task = queue.sent().getFirst();
        jobsService.handle(task);
        var job = jobs.find(CLIENT, GPT2).orElseThrow();
        int writes = catalog.writes.get();

        clock.advance(Duration.ofMinutes(1));
        jobsService.handle(task);

        assertThat(jobs.find(CLIENT, GPT2)).contains(job);
        assertThat(catalog.writes.get()).isEqualTo(writes);
        assertThat(inspections.get()).isEqualTo(1);
    }

    @Test
    void handle_unreadableModel_endsFailedWithTheReason_andRepeatSaysWhy() {
        jobsService.submit(CLIENT, "nobody/missing");
        jobsService.handle(queue.sent().getFirst());

        JobReport report = jobsService.submit(CLIENT, "nobody/missing");
        assertThat(report.success()).isFalse();
        assertThat(report.message()).contains("cannot be read").contains("no GGUF file");
        assertThat(catalog.find("nobody/missing")).isEmpty();
        assertThat(queue.sent()).hasSize(1);

        clock.advance(ModelJobService.RETRY_FAILED_AFTER);
        assertThat(jobsService.submit(CLIENT, "nobody/missing").firstCall()).as("queued again later").isTrue();
    }

    @Test
    void handle_modelThatFitsNoAllowedInstanceType_endsFailedSayingWhy() {
        jobsService.submit(CLIENT, "big/model-1t");
        jobsService.handle(queue.sent().getFirst());

        JobReport report = jobsService.submit(CLIENT, "big/model-1t");
        assertThat(report.success()).isFalse();
        assertThat(report.message()).contains("cannot be served on any allowed instance type");
    }

    @Test
    void submit_builtInOrAvailableModel_isAvailableAtOnce_andJobsBelongToTheirClient() {
        assertThat(jobsService.submit(CLIENT, ModelRegistry.TINY_TEST_MODEL).message()).isEqualTo("Model available");
        assertThat(queue.sent()).isEmpty();

        jobsService.submit(CLIENT, GPT2);
        jobsService.handle(queue.sent().getFirst());
        assertThat(jobs.find(OTHER_CLIENT, GPT2)).isEmpty();
        assertThat(jobsService.submit(OTHER_CLIENT, GPT2).message()).isEqualTo("Model available");
        assertThat(queue.sent()).hasSize(1);
    }
}
