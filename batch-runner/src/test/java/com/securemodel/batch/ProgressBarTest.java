package com.securemodel.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.batch.BatchJob;
import com.securemodel.core.tenant.ClientId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bar counts the lines and tokens of this process, or of the runner it follows. */
class ProgressBarTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private static BatchJob job(long nextLine, long completionTokens) {
        BatchJob start = BatchJob.start(new ClientId("acme"), "batch_1", "batch-input/acme/dep/f.jsonl", null, null,
                Map.of(), 500, Instant.parse("2026-01-01T00:00:00Z"));
        return start.counted(1000, Instant.parse("2026-01-01T00:00:01Z"))
                .checkpoint(nextLine, nextLine * 10, nextLine, 0, nextLine, completionTokens, 1000, null, 1);
    }

    private String last() {
        String[] frames = bytes.toString(StandardCharsets.UTF_8).split("\r");
        return frames[frames.length - 1];
    }

    @Test
    void followingAnotherRunner_showsItsTokensPerSecond_notZero() {
        bar.committed(job(0, 0));
        bar.committed(job(500, 2000));
        bar.finish();

        assertThat(last()).contains("500/1000 lines").doesNotContain(" 0.0 tok/s")
                .containsPattern("[1-9][0-9.]* tok/s");
        assertThat(last()).doesNotContain("ETA --");
    }

    @Test
    void workingTheFileItself_countsItsOwnLines() {
        bar.started(job(0, 0));
        for (int i = 0; i < 10; i++) {
            bar.lineDone(true, 4);
        }
        bar.finish();

        assertThat(last()).contains("10/1000 lines").containsPattern("[1-9][0-9.]* tok/s");
    }
}
