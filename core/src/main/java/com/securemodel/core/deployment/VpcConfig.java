package com.securemodel.core.deployment;

import java.util.List;

/** The {@code vpc_config} of a deployment. */
public record VpcConfig(List<String> subnetIds, List<String> securityGroupIds) {

    public VpcConfig {
        subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
        securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
    }
}
