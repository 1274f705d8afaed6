package com.securemodel.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryBatchFileStore;
import com.securemodel.core.fakes.InMemoryBatchStore;
import com.securemodel.core.fakes.InMemoryBlobStore;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.InMemoryUsageStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.usage.UsageRecorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The exactly-once processor over in-memory ports: chunked commits, resume, redelivery, cancel, retries. */
class BatchProcessorTest {

    private static final String KEY = "batch-input/acme/clinical-assistant/prompts.txt";
    private static final BatchPaths PATHS = BatchPaths.parse(KEY).orElseThrow();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryBatchStore store = new InMemoryBatchStore();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryBatchFileStore files = new InMemoryBatchFileStore();
    private final ScriptedInvoker model = new ScriptedInvoker();
    private final GenerationService generation = new GenerationService(running(), model,
            new UsageRecorder(new InMemoryUsageStore(), clock, Duration.ofSeconds(5)), clock,
            new SequentialIdGenerator());
    private final BatchProcessor processor = new BatchProcessor(store, blobs, files, new TextBatchCodec(), generation,
            clock, new BatchProcessor.Settings(2, 2, 2, 3, Duration.ofMillis(1), Duration.ofMillis(4)));

    private static InMemoryDeploymentStore running() {
        InMemoryDeploymentStore deployments = new InMemoryDeploymentStore();
        deployments.put(TestDeployments.deployment("dep_1", DeploymentStatus.RUNNING));
        return deployments;
    }

    private void input(String... lines) {
        blobs.put(KEY, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private List<String> output() {
        return lines(blobs.text(PATHS.outputKey()));
    }

    private List<String> errors() {
        return lines(blobs.text(PATHS.errorsKey()));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private BatchJob job() {
        return store.find(TestDeployments.CLIENT, BatchPaths.batchId(KEY)).orElseThrow();
    }

    private BatchProcessor.Outcome process() {
        return processor.process(KEY, BatchProcessor.Heartbeat.NONE, BatchProcessor.Progress.NONE);
    }

    @Test
    void process_skipsBlankLines_andCountsOnlyRequestsInTheSummary() {
        input("one", "", "two", "   ", "three");

        assertThat(process()).isEqualTo(BatchProcessor.Outcome.COMPLETED);

        assertThat(output()).containsExactly("line-1=echo one", "line-3=echo two", "line-5=echo three");
        assertThat(blobs.text(PATHS.summaryKey())).isEqualTo("lines=3 succeeded=3 failed=0 completion_tokens=6");
        assertThat(job().requests()).isEqualTo(3);
    }

    @Test
    void process_answersEveryLineInOrder_writesSummaryAndFiles_andDeletesParts() {
        input("one", "two", "three", "four", "five");

        BatchProcessor.Outcome outcome = process();

        assertThat(outcome).isEqualTo(BatchProcessor.Outcome.COMPLETED);
        assertThat(output()).containsExactly("line-1=echo one", "line-2=echo two", "line-3=echo three",
                "line-4=echo four", "line-5=echo five");
        assertThat(errors()).isEmpty();
        assertThat(blobs.text(PATHS.summaryKey())).isEqualTo("lines=5 succeeded=5 failed=0 completion_tokens=10");
        assertThat(job().status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(job().outputFileId()).isNotNull();
        assertThat(files.find(TestDeployments.CLIENT, job().outputFileId())).get()
                .extracting(BatchFile::blobKey).isEqualTo(PATHS.outputKey());
        assertThat(job().errorFileId()).isNull();
        assertThat(blobs.keys(PATHS.partKey(0, false).replaceAll("[^/]*$", ""))).isEmpty();
    }

    @Test
    void process_badLine_becomesErrorLine_andTheRestGoesOn() {
        input("one", "!broken", "three");

        process();

        assertThat(output()).containsExactly("line-1=echo one", "line-3=echo three");
        assertThat(errors()).containsExactly("line-2!invalid_request_error");
        assertThat(model.prompts()).containsExactlyInAnyOrder("one", "three");
        assertThat(job().failed()).isEqualTo(1);
        assertThat(files.find(TestDeployments.CLIENT, job().errorFileId())).isPresent();
    }

    @Test
    void process_fileForADeploymentTheClientDoesNotHave_failsEveryLine_generatesNothing() {
        String key = "batch-input/globex/clinical-assistant/prompts.txt";
        blobs.put(key, "one\ntwo\n".getBytes(StandardCharsets.UTF_8), "text/plain");

        processor.process(key, BatchProcessor.Heartbeat.NONE, BatchProcessor.Progress.NONE);

        BatchPaths paths = BatchPaths.parse(key).orElseThrow();
        assertThat(lines(blobs.text(paths.errorsKey()))).containsExactly("line-1!model_not_found",
                "line-2!model_not_found");
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void process_fromACheckpoint_answersOnlyTheLinesAfterIt_andRewritesAnUncommittedPart() {
        // given: chunk 0 committed; chunk 1 written by a run killed before its checkpoint
        input("one", "two", "three", "four", "five");
        BatchJob started = BatchJob.start(TestDeployments.CLIENT, BatchPaths.batchId(KEY), KEY, null, null, null, 2,
                clock.instant()).counted(5, clock.instant());
        store.put(started.checkpoint(2, "one\ntwo\n".length(), 2, 0, 6, 4, 10, null, 0));
        blobs.put(PATHS.partKey(0, false), "line-1=before\nline-2=before\n".getBytes(StandardCharsets.UTF_8), "");
        blobs.put(PATHS.partKey(1, false), "line-3=stale\nline-4=stale\n".getBytes(StandardCharsets.UTF_8), "");

        // when
        process();

        // then
        assertThat(model.prompts()).containsExactlyInAnyOrder("three", "four", "five");
        assertThat(output()).containsExactly("line-1=before", "line-2=before", "line-3=echo three",
                "line-4=echo four", "line-5=echo five");
        assertThat(job().completed()).isEqualTo(5);
        assertThat(job().completionTokens()).isEqualTo(4 + 3 * 2);
    }

    @Test
    void process_redeliveredMessageForAFinishedFile_doesNothing() {
        input("one", "two");
        process();
        int updates = store.updates();

        BatchProcessor.Outcome again = process();

        assertThat(again).isEqualTo(BatchProcessor.Outcome.ALREADY_FINISHED);
        assertThat(model.prompts()).hasSize(2);
        assertThat(store.updates()).isEqualTo(updates);
        assertThat(output()).hasSize(2);
    }

    @Test
    void process_whenCancelledMidFile_stopsAtTheNextCheckpoint_andKeepsTheLinesDone() {
        // given: the cancel arrives while line 3 generates
        input("one", "two", "three", "four", "five", "six", "seven", "eight");
        BatchService service = new BatchService(store, files, blobs, clock, new SequentialIdGenerator(), 2);
        AtomicInteger cancels = new AtomicInteger();
        model.script((prompt, previous) -> {
            if (prompt.equals("three") && cancels.getAndIncrement() == 0) {
                service.cancel(TestDeployments.CLIENT, BatchPaths.batchId(KEY));
            }
        });

        // when
        BatchProcessor.Outcome outcome = process();

        // then
        assertThat(outcome).isEqualTo(BatchProcessor.Outcome.CANCELLED);
        assertThat(job().status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(job().nextLine()).isLessThan(8);
        assertThat(output()).hasSize((int) job().completed())
                .containsExactlyElementsOf(List.of("line-1=echo one", "line-2=echo two", "line-3=echo three",
                        "line-4=echo four", "line-5=echo five", "line-6=echo six").subList(0, (int) job().completed()));
        assertThat(process()).isEqualTo(BatchProcessor.Outcome.ALREADY_FINISHED);
        assertThat(blobs.keys(PATHS.partKey(0, false).replaceAll("[^/]*$", ""))).as("no part left").isEmpty();
    }

    @Test
    void process_whenCancelledInsideALargeChunk_stopsReadingAtTheNextStatusCheck_notAtTheChunksEnd() {
        // given: 40 lines in one 100-line chunk, the status checked before every line; the cancel arrives while
        // line 3 generates
        String[] lines = new String[40];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "p" + (i + 1);
        }
        input(lines);
        BatchProcessor large = new BatchProcessor(store, blobs, files, new TextBatchCodec(), generation, clock,
                new BatchProcessor.Settings(2, 100, 2, 3, Duration.ofMillis(1), Duration.ofMillis(4))
                        .withStatusCheck(Duration.ZERO));
        BatchService service = new BatchService(store, files, blobs, clock, new SequentialIdGenerator(), 100);
        AtomicInteger generated = new AtomicInteger();
        AtomicInteger generatedWhenCancelled = new AtomicInteger();
        model.script((prompt, previous) -> {
            if (generated.incrementAndGet() == 3) {
                service.cancel(TestDeployments.CLIENT, BatchPaths.batchId(KEY));
                generatedWhenCancelled.set(generated.get());
            }
        });

        // when
        BatchProcessor.Outcome outcome = large.process(KEY, BatchProcessor.Heartbeat.NONE,
                BatchProcessor.Progress.NONE);

        // then: once cancel() had returned (the cancel stored), at most two more lines started: the other line in
        // flight (concurrency 2) and the one the reader had already checked and was waiting to start (the other line
        // can finish, and free its slot, while the cancel is still being written); nothing was committed. Lines that
        // started while cancel() ran count in the baseline: the reader stops within a line of the stored cancel, not
        // at the chunk's end (40 lines) or at a later status check
        assertThat(outcome).isEqualTo(BatchProcessor.Outcome.CANCELLED);
        assertThat(job().status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(generated.get()).isLessThanOrEqualTo(generatedWhenCancelled.get() + 2).isLessThan(lines.length);
        assertThat(job().nextLine()).isZero();
        assertThat(output()).isEmpty();
    }

    @Test
    void process_finishedFileWithPartsLeftByARunKilledWhileDeletingThem_deletesThem() {
        input("one", "two", "three");
        process();
        blobs.put(PATHS.partKey(0, false), new byte[0], "");
        blobs.put(PATHS.partKey(1, true), new byte[0], "");

        assertThat(process()).isEqualTo(BatchProcessor.Outcome.ALREADY_FINISHED);
        assertThat(blobs.keys(PATHS.partKey(0, false).replaceAll("[^/]*$", ""))).isEmpty();
        assertThat(output()).hasSize(3);
    }

    @Test
    void process_whenCancelledBeforeItStarts_generatesNothing() {
        input("one", "two");
        BatchService service = new BatchService(store, files, blobs, clock, new SequentialIdGenerator(), 2);
        store.create(BatchJob.start(TestDeployments.CLIENT, BatchPaths.batchId(KEY), KEY, null, null, null, 2,
                clock.instant()));
        service.cancel(TestDeployments.CLIENT, BatchPaths.batchId(KEY));

        assertThat(process()).isEqualTo(BatchProcessor.Outcome.CANCELLED);
        assertThat(model.prompts()).isEmpty();
        assertThat(job().status()).isEqualTo(BatchStatus.CANCELLED);
    }

    @Test
    void process_whenThrottled_backsOffAndRetries_untilTheLineIsAnswered() {
        input("one", "two");
        model.script((prompt, previous) -> {
            if (prompt.equals("one") && previous < 2) {
                throw new ServiceException(ErrorCode.RATE_LIMIT_EXCEEDED, "slow down");
            }
        });

        process();

        assertThat(output()).containsExactly("line-1=echo one", "line-2=echo two");
        assertThat(model.prompts()).filteredOn("one"::equals).hasSize(3);
    }

    @Test
    void process_whenThrottledOnEveryAttempt_writesAnErrorLine_afterMaxAttempts() {
        input("one", "two");
        model.script((prompt, previous) -> {
            if (prompt.equals("two")) {
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "busy");
            }
        });

        process();

        assertThat(output()).containsExactly("line-1=echo one");
        assertThat(errors()).containsExactly("line-2!service_unavailable");
        assertThat(model.prompts()).filteredOn("two"::equals).hasSize(3);
    }

    @Test
    void process_whenAnotherRunMovedTheCheckpoint_stopsAsSuperseded() {
        input("one", "two", "three", "four");
        AtomicInteger moved = new AtomicInteger();
        model.script((prompt, previous) -> {
            if (moved.getAndIncrement() == 0) {
                BatchJob current = job();
                store.put(current.withVersion(current.version() + 1));
            }
        });

        assertThat(process()).isEqualTo(BatchProcessor.Outcome.SUPERSEDED);
        assertThat(job().status()).isEqualTo(BatchStatus.IN_PROGRESS);
    }

    @Test
    void process_afterTheCompletionWindow_expiresTheBatch() {
        input("one");
        store.create(BatchJob.start(TestDeployments.CLIENT, BatchPaths.batchId(KEY), KEY, null, null, null, 2,
                clock.instant()));
        clock.advance(Duration.ofHours(25));

        assertThat(process()).isEqualTo(BatchProcessor.Outcome.EXPIRED);
        assertThat(job().status()).isEqualTo(BatchStatus.EXPIRED);
        assertThat(model.prompts()).isEmpty();
    }

    @Test
    void process_keyOutsideBatchInput_orAbsent_isNotABatchFile() {
        assertThat(processor.process("files/acme/x", BatchProcessor.Heartbeat.NONE, BatchProcessor.Progress.NONE))
                .isEqualTo(BatchProcessor.Outcome.NOT_A_BATCH_FILE);
        assertThat(process()).isEqualTo(BatchProcessor.Outcome.NOT_A_BATCH_FILE);
    }

    @Test
    void adaptiveLimit_halvesOnThrottling_andGrowsBackByOneAfterAsManySuccesses() {
        AdaptiveLimit limit = new AdaptiveLimit(8);

        limit.throttled();
        limit.throttled();
        assertThat(limit.limit()).isEqualTo(2);
        limit.succeeded();
        limit.succeeded();
        assertThat(limit.limit()).isEqualTo(3);
    }
}
