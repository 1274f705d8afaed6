package com.securemodel.core.hosting;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.gpu.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that knows the serving container: image URI per region and the environment (model id, dtype
 * half on T4, quantization, tensor parallel degree, max tokens).
 *
 * <p>The container is the AWS DJL Large Model Inference (LMI) image with the vLLM backend, configured by
 * {@code OPTION_*} environment variables
 * (<a href="https://docs.djl.ai/master/docs/serving/serving/docs/lmi/user_guides/vllm_user_guide.html">vLLM
 * user guide</a>). The registries per region follow the SageMaker Python SDK's {@code djl-lmi.json}.
 * Quantization at load time: LMI's vLLM backend accepts {@code fp8} (weight-only on Ampere and newer, our
 * {@code int8}) and {@code bitsandbytes} (4-bit NF4, runs on T4 too, our {@code int4}).
 */
public final class ContainerConfigFactory {

    /** The pinned LMI image tag (vLLM backend, CUDA 12.8). */
    public static final String LMI_TAG = "djl-inference:0.33.0-lmi15.0.0-cu128";
    /** Requests vLLM batches together; the fit sizes the KV cache for fewer, full-context sequences. */
    public static final int MAX_ROLLING_BATCH_SIZE = 16;
    private static final String DLC_ACCOUNT = "763104351884";

    private final Map<String, String> imageByRegion;

    /** The AWS LMI images of {@link #defaultImages()}. */
    public ContainerConfigFactory() {
        this(defaultImages());
    }

    /** @param imageByRegion the image URI to use in each region (tests and the local cloud swap it) */
    public ContainerConfigFactory(Map<String, String> imageByRegion) {
        this.imageByRegion = Map.copyOf(imageByRegion);
    }

    /** @return the LMI image URI of every region that hosts it */
    public static Map<String, String> defaultImages() {
        Map<String, String> accounts = new TreeMap<>();
        for (String region : new String[] {"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1",
                "sa-east-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "ap-northeast-1",
                "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2"}) {
            accounts.put(region, DLC_ACCOUNT);
        }
        accounts.put("af-south-1", "626614931356");
        accounts.put("ap-east-1", "871362719292");
        accounts.put("ap-northeast-3", "364406365360");
        accounts.put("ap-southeast-3", "907027046896");
        accounts.put("ca-west-1", "204538143572");
        accounts.put("eu-south-1", "692866216735");
        accounts.put("il-central-1", "780543022126");
        accounts.put("me-central-1", "914824155844");
        accounts.put("me-south-1", "217643126080");
        accounts.put("us-gov-east-1", "446045086412");
        accounts.put("us-gov-west-1", "442386744353");
        Map<String, String> images = new TreeMap<>();
        accounts.forEach((region, account) -> images.put(region,
                account + ".dkr.ecr." + region + ".amazonaws.com/" + LMI_TAG));
        return images;
    }

    /** @throws com.securemodel.core.error.ServiceException instance_type_unavailable for a region without an image */
    public ContainerSpec containerFor(Deployment deployment) {
        return new ContainerSpec(imageFor(deployment.region()), environment(deployment));
    }

    /** @throws ServiceException instance_type_unavailable for a region without an image */
    public String imageFor(String region) {
        String image = imageByRegion.get(region);
        if (image == null) {
            throw new ServiceException(ErrorCode.INSTANCE_TYPE_UNAVAILABLE, "There is no serving image in region "
                    + region + "; choose one of: " + String.join(", ", new TreeMap<>(imageByRegion).keySet()));
        }
        return image;
    }

    private static Map<String, String> environment(Deployment deployment) {
        HostingPlan plan = deployment.hosting();
        int degree = plan == null ? 1 : plan.tensorParallelDegree();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HF_MODEL_ID", deployment.modelName());
        env.put("OPTION_ROLLING_BATCH", "vllm");
        env.put("OPTION_DTYPE", "fp16");
        env.put("OPTION_TENSOR_PARALLEL_DEGREE", Integer.toString(degree));
        env.put("SM_NUM_GPUS", Integer.toString(degree));
        env.put("OPTION_MAX_ROLLING_BATCH_SIZE", Integer.toString(MAX_ROLLING_BATCH_SIZE));
        Integer context = deployment.modelConfig().contextLength();
        if (context != null) {
            env.put("OPTION_MAX_MODEL_LEN", context.toString());
        }
        Precision precision = plan == null ? Precision.FP16 : Precision.fromWire(plan.precision());
        if (precision == Precision.INT8) {
            env.put("OPTION_QUANTIZE", "fp8");
        } else if (precision == Precision.INT4) {
            env.put("OPTION_QUANTIZE", "bitsandbytes");
            env.put("OPTION_LOAD_FORMAT", "bitsandbytes");
        }
        return env;
    }
}
