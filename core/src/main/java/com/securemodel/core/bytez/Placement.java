package com.securemodel.core.bytez;

import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.model.ModelInfo;
import java.util.Comparator;
import java.util.List;

/**
 * Where a Bytez model goes: the cheapest allowed instance type whose GPUs fit it (the GPU-fit planner decides the
 * precision). Instance types are tried in SageMaker's on-demand price order; within one family a larger size adds
 * CPU and RAM but no GPU memory, so only the smallest size of each GPU count is listed.
 *
 * @see <a href="https://aws.amazon.com/sagemaker/pricing/">SageMaker pricing</a>
 */
public final class Placement {

    /** Cheapest first (SageMaker real-time inference, us-east-1). */
    public static final List<String> CHEAPEST_FIRST = List.of("g4dn.xlarge", "g5.xlarge", "g4dn.12xlarge",
            "g5.12xlarge", "g4dn.metal", "g5.48xlarge", "p4d.24xlarge");

    /** One placement: the instance type and the plan on it. */
    public record Choice(String instanceType, HostingPlan plan) {
    }

    private final GpuFit fit;
    private final List<String> allowed;

    /** @param allowedInstanceTypes the types this service may create (with or without {@code ml.}) */
    public Placement(GpuFit fit, List<String> allowedInstanceTypes) {
        this.fit = fit;
        this.allowed = allowedInstanceTypes.stream().map(t -> t.startsWith("ml.") ? t.substring(3) : t)
                .filter(t -> fit.instances().find(t).isPresent())
                .sorted(Comparator.comparingInt(Placement::rank)).toList();
    }

    /**
     * @param quantization {@code auto}, {@code none}, {@code int8} or {@code int4}
     * @throws ServiceException validation_error naming why no allowed instance type fits
     */
    public Choice cheapest(ModelInfo model, String quantization) {
        ServiceException last = null;
        for (String type : allowed) {
            try {
                return new Choice(type, fit.plan(model, type, model.contextLength(), quantization, "placement"));
            } catch (ServiceException refused) {
                if (refused.code() != ErrorCode.VALIDATION_ERROR) {
                    throw refused;
                }
                last = refused;
            }
        }
        throw ServiceException.validation(model.id() + " cannot be served on any allowed instance type ("
                + String.join(", ", allowed) + ")" + (last == null ? "" : ": " + last.getMessage()));
    }

    private static int rank(String type) {
        int rank = CHEAPEST_FIRST.indexOf(type);
        return rank < 0 ? CHEAPEST_FIRST.size() : rank;
    }
}
