package com.securemodel.core.gpu;

import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.model.ModelInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether and how a model fits an instance type's GPUs (precision, tensor parallelism).
 *
 * <p>Memory needed per GPU = (weights + KV cache) / tensor parallel degree + {@value #OVERHEAD_GIB_PER_GPU} GiB
 * (CUDA context, activations, kernels), all times {@value #SAFETY_FACTOR}. Weights are parameters times 2 bytes
 * (fp16), 1 (int8) or 0.5 (int4). The KV cache holds {@value #CONCURRENT_SEQUENCES} full-context sequences:
 * {@code 2 (K and V) x layers x kvHeads x headDim x contextLength x 2 bytes (fp16) x sequences}. A model that does
 * not fit one GPU is sharded across all GPUs of the instance, when their count divides the KV heads.
 */
public final class GpuFit {

    /** Sequences of full context length the KV cache is sized for. */
    public static final int CONCURRENT_SEQUENCES = 4;
    static final double OVERHEAD_GIB_PER_GPU = 1.5;
    static final double SAFETY_FACTOR = 1.1;
    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final String VALID_QUANTIZATIONS = "auto, none, int8, int4";

    private final InstanceCatalog instances;

    public GpuFit(InstanceCatalog instances) {
        this.instances = instances;
    }

    /** @return the instance types this check knows */
    public InstanceCatalog instances() {
        return instances;
    }

    /** A precision and sharding that fits, with the memory it needs. */
    private record Fit(Precision precision, int tensorParallelDegree, double perGpuGib) {
    }

    /**
     * @param quantization {@code auto}/null (highest precision that fits), {@code none} (fp16 only), {@code int8},
     *        {@code int4}
     * @param endpointName the endpoint name to record in the plan
     * @throws com.securemodel.core.error.ServiceException validation_error naming an instance type or a
     *         quantization that fits; instance_type_unavailable for an unknown instance type
     */
    public HostingPlan plan(ModelInfo model, String instanceType, int contextLength, String quantization,
                            String endpointName) {
        InstanceType type = instances.find(instanceType).orElseThrow(() -> new ServiceException(
                ErrorCode.INSTANCE_TYPE_UNAVAILABLE, "Instance type " + instanceType
                + " is not available; choose one of: " + instances.names()));
        List<Precision> candidates = candidates(quantization);
        for (Precision precision : candidates) {
            Optional<Fit> fit = fit(model, type, contextLength, precision);
            if (fit.isPresent()) {
                Fit f = fit.get();
                double total = round(f.perGpuGib() * f.tensorParallelDegree());
                return new HostingPlan(f.precision().wire(), f.tensorParallelDegree(), total, endpointName);
            }
        }
        throw ServiceException.validation(refusal(model, type, contextLength, candidates));
    }

    /** @return the precisions {@code quantization} allows, highest first */
    public static List<Precision> candidates(String quantization) {
        String word = quantization == null ? "auto" : quantization.strip().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "auto" -> List.of(Precision.FP16, Precision.INT8, Precision.INT4);
            case "none", "fp16" -> List.of(Precision.FP16);
            case "int8" -> List.of(Precision.INT8);
            case "int4" -> List.of(Precision.INT4);
            default -> throw ServiceException.validation("model_config.quantization must be one of "
                    + VALID_QUANTIZATIONS + " (got '" + quantization + "')");
        };
    }

    /** @return the GiB one GPU needs for {@code model} in {@code precision}, sharded {@code degree} ways */
    public static double perGpuGib(ModelInfo model, int contextLength, Precision precision, int degree) {
        double weights = model.parameters() * precision.bytesPerParameter();
        double kvCache = 2.0 * model.layers() * model.kvHeads() * model.headDim() * contextLength * 2
                * CONCURRENT_SEQUENCES;
        return ((weights + kvCache) / degree / GIB + OVERHEAD_GIB_PER_GPU) * SAFETY_FACTOR;
    }

    private static Optional<Fit> fit(ModelInfo model, InstanceType type, int contextLength, Precision precision) {
        if (!precision.runsOn(type)) {
            return Optional.empty();
        }
        double single = perGpuGib(model, contextLength, precision, 1);
        if (single <= type.gpuMemoryGib()) {
            return Optional.of(new Fit(precision, 1, single));
        }
        int gpus = type.gpus();
        if (gpus > 1 && model.kvHeads() % gpus == 0) {
            double sharded = perGpuGib(model, contextLength, precision, gpus);
            if (sharded <= type.gpuMemoryGib()) {
                return Optional.of(new Fit(precision, gpus, sharded));
            }
        }
        return Optional.empty();
    }

    private String refusal(ModelInfo model, InstanceType type, int contextLength, List<Precision> candidates) {
        Precision best = candidates.getFirst();
        StringBuilder message = new StringBuilder(model.id()).append(" does not fit ").append(type.name())
                .append(" (").append(type.gpus()).append(" x ").append(type.gpuModel()).append(", ")
                .append(round(type.gpuMemoryGib())).append(" GiB usable each) in ")
                .append(String.join(" or ", candidates.stream().map(Precision::wire).toList()));
        if (candidates.size() == 1 && !best.runsOn(type)) {
            message.append(": the serving container quantizes to int8 at load time only on A10G or newer GPUs");
        } else {
            message.append(": it needs about ").append(round(perGpuGib(model, contextLength, best, 1)))
                    .append(" GiB on one GPU");
        }
        message.append(" at a context of ").append(contextLength).append(" tokens. ");
        List<String> fixes = new java.util.ArrayList<>();
        lowerPrecisionThatFits(model, type, contextLength, best).ifPresent(p -> fixes.add(
                "set model_config.quantization to " + p.wire() + " (fits " + type.name() + ")"));
        smallestInstanceThatFits(model, contextLength, candidates).ifPresent(t -> fixes.add(
                "choose instance_type " + t.name() + " (fits " + best.wire() + ")"));
        if (fixes.isEmpty()) {
            message.append("No known instance type fits it; lower model_config.context_length");
        } else {
            message.append(Character.toUpperCase(fixes.getFirst().charAt(0))).append(fixes.getFirst().substring(1));
            fixes.stream().skip(1).forEach(f -> message.append(", or ").append(f));
        }
        return message.toString();
    }

    private static Optional<Precision> lowerPrecisionThatFits(ModelInfo model, InstanceType type, int contextLength,
                                                              Precision best) {
        return List.of(Precision.values()).stream()
                .filter(p -> p.ordinal() > best.ordinal())
                .filter(p -> fit(model, type, contextLength, p).isPresent())
                .findFirst();
    }

    private Optional<InstanceType> smallestInstanceThatFits(ModelInfo model, int contextLength,
                                                            List<Precision> candidates) {
        Precision best = candidates.getFirst();
        return instances.list().stream()
                .sorted(Comparator.comparingDouble(InstanceType::totalGpuMemoryGib))
                .filter(t -> fit(model, t, contextLength, best).isPresent())
                .findFirst();
    }

    private static double round(double gib) {
        return Math.round(gib * 10) / 10.0;
    }
}
