package com.securemodel.localstack.sagemaker.internal;

/** One production variant of an endpoint configuration. */
record VariantSpec(String variantName, String modelName, String instanceType, int initialInstanceCount,
                   double initialVariantWeight) {
}
