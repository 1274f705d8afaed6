package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A {@code CreateModel} resource as stored.
 *
 * @param container the primary container (or {@code Containers[0]}) as the caller sent it
 * @param request the whole request, echoed by {@code DescribeModel}
 */
record ModelResource(String name, String arn, ObjectNode container, ObjectNode request, Instant created) {
}
