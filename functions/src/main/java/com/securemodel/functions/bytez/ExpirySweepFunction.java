package com.securemodel.functions.bytez;

import com.securemodel.core.bytez.BytezService;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bytez expiry sweep: the function {@code expirySweep}, run by an EventBridge schedule every minute on AWS and
 * by {@code LocalSweepScheduler} in local mode. Stops every instance idle past its {@code expirationPeriodSeconds}.
 * The schedule's event is read as a map and not used (not as {@code ScheduledEvent}, whose Joda time field would need
 * the Joda module in every function's event mapper: see {@code LambdaApplication}).
 *
 * @see <a href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html">Scheduled
 *     Lambda functions</a>
 */
public final class ExpirySweepFunction implements Function<Map<String, Object>, Map<String, Integer>> {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweepFunction.class);

    private final BytezService bytez;

    public ExpirySweepFunction(BytezService bytez) {
        this.bytez = bytez;
    }

    @Override
    public Map<String, Integer> apply(Map<String, Object> event) {
        int stopped = bytez.sweep();
        if (stopped > 0) {
            LOG.info("Expiry sweep stopped {} idle Bytez instances", stopped);
        }
        return Map.of("stopped", stopped);
    }
}
