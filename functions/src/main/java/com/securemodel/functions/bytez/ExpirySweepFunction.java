package com.securemodel.functions.bytez;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.securemodel.core.bytez.BytezService;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bytez expiry sweep: the function {@code expirySweep}, run by an EventBridge schedule every minute on AWS and
 * by {@code LocalSweepScheduler} in local mode. Stops every instance idle past its {@code expirationPeriodSeconds}.
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html">Scheduled
 *     Lambda functions</a>
 */
public final class ExpirySweepFunction implements Function<ScheduledEvent, Map<String, Integer>> {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweepFunction.class);

    private final BytezService bytez;

    public ExpirySweepFunction(BytezService bytez) {
        this.bytez = bytez;
    }

    @Override
    public Map<String, Integer> apply(ScheduledEvent event) {
        int stopped = bytez.sweep();
        if (stopped > 0) {
            LOG.info("Expiry sweep stopped {} idle Bytez instances", stopped);
        }
        return Map.of("stopped", stopped);
    }
}
