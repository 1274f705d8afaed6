package com.securemodel.core.batch;

import java.util.Map;
import java.util.Optional;

/**
 * On-demand prices of SageMaker real-time inference instances in us-east-1, USD per hour, for the batch summary's
 * cost estimate (an estimate: region, savings plans and taxes change the bill).
 *
 * @see <a href="https://aws.amazon.com/sagemaker/pricing/">Amazon SageMaker pricing</a>
 */
public final class InstancePrices {

    private static final Map<String, Double> PER_HOUR = Map.ofEntries(
            Map.entry("g4dn.xlarge", 0.736), Map.entry("g4dn.2xlarge", 0.94), Map.entry("g4dn.4xlarge", 1.505),
            Map.entry("g4dn.8xlarge", 2.72), Map.entry("g4dn.12xlarge", 4.89), Map.entry("g4dn.16xlarge", 5.44),
            Map.entry("g5.xlarge", 1.408), Map.entry("g5.2xlarge", 1.515), Map.entry("g5.4xlarge", 2.03),
            Map.entry("g5.8xlarge", 3.06), Map.entry("g5.12xlarge", 7.09), Map.entry("g5.48xlarge", 20.36));

    private InstancePrices() {
    }

    /** @return the hourly price of an instance type (with or without {@code ml.}) */
    public static Optional<Double> perHour(String instanceType) {
        if (instanceType == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(PER_HOUR.get(instanceType.startsWith("ml.") ? instanceType.substring(3)
                : instanceType));
    }
}
