package com.securemodel.core.gpu;

import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.model.ModelInfo;

/** Decides whether and how a model fits an instance type's GPUs (precision, tensor parallelism). */
public final class GpuFit {

    private final InstanceCatalog instances;

    public GpuFit(InstanceCatalog instances) {
        this.instances = instances;
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
        throw new UnsupportedOperationException("not implemented yet");
    }
}
