package com.securemodel.functions.config;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Cold start on Lambda: while Spring Boot prepares its environment and logging on the main thread, a second thread
 * loads what the context and the first request need next: the classes a cold start loads, from a list in load order;
 * then, by use, Jackson with the API Gateway event types, and the first request's DynamoDB calls through the
 * service's DynamoDB client, answered in memory (as Spring Boot's own background pre-initializer does for Spring's classes). It
 * only loads classes and runs their static initializers: the client it builds holds a made-up key, opens no
 * connection (its HTTP client answers in memory) and is closed; nothing it makes is kept (a SnapStart snapshot holds
 * the loaded classes, no state). It runs only under a Lambda runtime ({@code AWS_LAMBDA_RUNTIME_API} set) whose
 * memory gives it two vCPUs ({@link #TWO_VCPUS_MB}), or where {@code -Dsecuremodel.lambda.warm-up=true}; never where
 * {@code =false}; once; a failure is ignored (the main thread then loads the same classes).
 */
public final class LambdaWarmUp implements ApplicationListener<ApplicationStartingEvent> {

    /** System property that turns the warm-up on ({@code true}) or off ({@code false}) whatever the memory. */
    public static final String SWITCH = "securemodel.lambda.warm-up";
    /**
     * The memory from which a function has two vCPUs of time: Lambda gives CPU in proportion to memory, one vCPU at
     * 1,769 MB. Below it the second thread only takes time from the main one: at the stack's 2,048 MB (1.16 vCPUs,
     * emulated with a CPU quota) the warm-up made {@code /health} 300 ms slower and an authenticated call 120 ms
     * slower, where on two full cores it made them 190 and 720 ms faster.
     */
    static final int TWO_VCPUS_MB = 2 * 1769;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final Map<String, String> environment;

    public LambdaWarmUp() {
        this(System.getenv());
    }

    LambdaWarmUp(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        if (enabled() && STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("lambda-warm-up").start(() -> LambdaWarmUpSteps.warmUp());
        }
    }

    /**
     * @return whether this process is a Lambda function's with at least two vCPUs of time (by its memory), or the
     *         warm-up is switched on ({@code true}); never when switched off ({@code false})
     */
    boolean enabled() {
        if (environment.get("AWS_LAMBDA_RUNTIME_API") == null) {
            return false;
        }
        String forced = System.getProperty(SWITCH);
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        try {
            return Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"))
                    >= TWO_VCPUS_MB;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
