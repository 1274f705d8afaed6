package com.securemodel.localstack.sagemaker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.localstack.llm.Generation;
import com.securemodel.localstack.llm.GenerationSpec;
import com.securemodel.localstack.llm.TextGenerator;
import com.securemodel.localstack.llm.TokenListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A retired pool (endpoint deleted or updated) closes its generators, each once its request in flight ends. */
class InstancePoolTest {

    /** Counts closes. */
    private static final class CountingGenerator implements TextGenerator {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public Generation generate(GenerationSpec spec, TokenListener onToken) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String modelId() {
            return "m";
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void retire_closesIdleGeneratorsAtOnce_andBusyOnesWhenTheirRequestEnds() throws Exception {
        CountingGenerator idle = new CountingGenerator();
        CountingGenerator busy = new CountingGenerator();
        InstancePool pool = new InstancePool("v", "m", List.of(busy, idle), 4);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> pool.serve(generator -> {
            started.countDown();
            await(finish);
            return "done";
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        pool.retire();

        assertThat(idle.closed.get() + busy.closed.get()).as("the idle generator, at once").isEqualTo(1);
        finish.countDown();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(idle.closed.get()).isEqualTo(1);
        assertThat(busy.closed.get()).as("the busy one, when its request ended, once").isEqualTo(1);
        assertThatThrownBy(() -> pool.serve(generator -> "late")).isInstanceOf(InstancePool.Retired.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
