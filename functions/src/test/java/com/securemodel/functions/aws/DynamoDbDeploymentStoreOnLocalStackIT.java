package com.securemodel.functions.aws;

/** {@link DynamoDbDeploymentStoreIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class DynamoDbDeploymentStoreOnLocalStackIT extends DynamoDbDeploymentStoreIT {
}
