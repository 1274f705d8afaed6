package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A {@code CreateEndpointConfig} resource as stored; {@code request} is echoed by {@code DescribeEndpointConfig}. */
record EndpointConfigResource(String name, String arn, List<VariantSpec> variants, ObjectNode request,
                              Instant created) {

    EndpointConfigResource {
        variants = List.copyOf(variants);
    }
}
