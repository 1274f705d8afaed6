package com.securemodel.functions.aws;

/** {@link DynamoDbDeploymentLogIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class DynamoDbDeploymentLogOnLocalStackIT extends DynamoDbDeploymentLogIT {
}
