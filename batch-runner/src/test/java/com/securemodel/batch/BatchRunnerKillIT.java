package com.securemodel.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.batch.BatchPaths;
import com.securemodel.core.batch.BatchStatus;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exactly-once promise under {@code kill -9}: the runner ({@code file KEY} mode, a child JVM of the shaded jar,
 * or of the test classpath when the jar is not built) is killed at random moments while it works one file on the
 * tiny model, and started again each time; at the end every input line is in the output or error file exactly once,
 * in input order, and the summary's counts match.
 */
@ExtendWith(LocalCloudExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchRunnerKillIT {

    private static final int LINES = 600;
    private static final int KILLS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private KillTestCloud cloud;

    @BeforeAll
    void tinyDeployment(LocalCloud local) {
        cloud = KillTestCloud.start(local);
    }

    /**
     * Waits for a random moment of this run that lands mid-file: after the run's first commit (however long its JVM
     * takes to start on a loaded machine), then a random 0-80 ms more, so that each kill interrupts work in flight
     * and 20 kills do not use up the file.
     *
     * @return whether the runner ended by itself
     */
    private boolean awaitKillMoment(Process runner, String key, Random random) throws InterruptedException {
        long start = cloud.job(key).map(BatchJob::nextLine).orElse(0L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (runner.waitFor(10, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (cloud.job(key).map(BatchJob::nextLine).orElse(0L) > start) {
                return runner.waitFor(random.nextInt(80), TimeUnit.MILLISECONDS);
            }
        }
        throw new AssertionError("the runner made no progress in 90 s");
    }

    @Test
    void runnerKilledTwentyTimesMidFile_answersEveryLineExactlyOnce(@TempDir Path logs) throws Exception {
        // given: plain prompt lines, every 25th one broken
        List<String> ids = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            String id = "p-" + i;
            ids.add(id);
            if (i % 25 == 24) {
                bad.add("line-" + (i + 1));
                input.append("{\"id\": \"").append(id).append("\", broken\n");
            } else {
                input.append("{\"id\": \"").append(id).append("\", \"prompt\": \"Line ").append(i)
                        .append(" of the file\", \"max_tokens\": 3, \"temperature\": 0}\n");
            }
        }
        String key = cloud.putInput("prompts.jsonl", input.toString());
        BatchPaths paths = BatchPaths.parse(key).orElseThrow();

        // when: killed at random moments, restarted each time, then left to finish
        Random random = new Random();
        List<Long> checkpoints = new ArrayList<>();
        int kills = 0;
        while (kills < KILLS) {
            Process runner = cloud.runner(key, logs.resolve("run-" + kills + ".log"));
            boolean exited = awaitKillMoment(runner, key, random);
            assertThat(exited).as("the file finished before kill %d: give it more lines", kills + 1).isFalse();
            runner.destroyForcibly().waitFor();
            kills++;
            checkpoints.add(cloud.job(key).map(BatchJob::nextLine).orElse(-1L));
        }
        Path lastLog = logs.resolve("last.log");
        Process last = cloud.runner(key, lastLog);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("the last run finishes").isTrue();
        String said = Files.readString(lastLog);

        // then
        assertThat(last.exitValue()).as(said).isZero();
        assertThat(checkpoints).as("the kills landed while lines were being committed")
                .filteredOn(line -> line > 0 && line < LINES).hasSizeGreaterThanOrEqualTo(KILLS / 2);
        List<JsonNode> output = cloud.lines(paths.outputKey());
        List<JsonNode> errors = cloud.lines(paths.errorsKey());
        List<String> answered = new ArrayList<>();
        output.forEach(line -> answered.add(line.path("custom_id").asText()));
        List<String> expectedOk = ids.stream().filter(id -> !bad.contains("line-" + (ids.indexOf(id) + 1))).toList();
        assertThat(answered).as("output lines, once each, in input order").containsExactlyElementsOf(expectedOk);
        assertThat(errors).extracting(line -> line.path("custom_id").asText()).as("error lines, once each")
                .containsExactlyElementsOf(bad);
        assertThat(output).allSatisfy(line -> assertThat(line.path("response").path("status_code").asInt())
                .isEqualTo(200));
        JsonNode summary = JSON.readTree(cloud.read(paths.summaryKey()));
        assertThat(summary.path("lines").asLong()).isEqualTo(LINES);
        assertThat(summary.path("succeeded").asLong()).isEqualTo(output.size());
        assertThat(summary.path("failed").asLong()).isEqualTo(errors.size());
        long completionTokens = output.stream()
                .mapToLong(line -> line.path("response").path("body").path("usage").path("completion_tokens").asLong())
                .sum();
        assertThat(summary.path("completion_tokens").asLong()).isEqualTo(completionTokens);
        assertThat(cloud.job(key)).get().extracting(BatchJob::status).isEqualTo(BatchStatus.COMPLETED);
        assertThat(cloud.keys(paths.partKey(0, false).replaceAll("[^/]*$", ""))).as("parts deleted").isEmpty();
    }
}
