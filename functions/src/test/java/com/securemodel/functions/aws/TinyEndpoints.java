package com.securemodel.functions.aws;

import com.securemodel.core.hosting.ContainerSpec;
import com.securemodel.core.hosting.EndpointSpec;
import java.util.Map;
import java.util.UUID;

/** Endpoint specs serving the tiny random model on the emulator. */
final class TinyEndpoints {

    static final String TINY_MODEL = "securemodel/tiny-random-llama";

    private TinyEndpoints() {
    }

    static EndpointSpec tiny(String kmsKeyId) {
        String name = "sms-it-" + UUID.randomUUID().toString().substring(0, 8);
        return new EndpointSpec(name, name, name, new ContainerSpec(
                "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                Map.of("HF_MODEL_ID", TINY_MODEL, "OPTION_DTYPE", "fp16")),
                "arn:aws:iam::000000000000:role/securemodel-sagemaker", "g4dn.xlarge", 1, true, kmsKeyId);
    }
}
