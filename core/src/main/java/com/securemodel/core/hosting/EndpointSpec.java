package com.securemodel.core.hosting;

/**
 * Everything needed to create (or update to) one SageMaker endpoint. Names are derived from the deployment id
 * so that a redelivered message addresses the same resources.
 *
 * @param modelName SageMaker model name
 * @param endpointConfigName endpoint config name (a new one per update)
 * @param endpointName endpoint name
 * @param kmsKeyId null on instance types with local NVMe (g4dn, g5), where SageMaker rejects it
 */
public record EndpointSpec(String modelName, String endpointConfigName, String endpointName, ContainerSpec container,
                           String executionRoleArn, String instanceType, int initialInstanceCount,
                           boolean networkIsolation, String kmsKeyId) {
}
