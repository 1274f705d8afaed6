package com.securemodel.sdk;

/** A model of the catalog that can be deployed. */
public record Model(
        String id,
        String name,
        String version,
        String description,
        Long parameters,
        Integer contextLength,
        Boolean supportedFineTuning) {
}
