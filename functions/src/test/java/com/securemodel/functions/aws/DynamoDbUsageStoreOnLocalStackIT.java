package com.securemodel.functions.aws;

/** {@link DynamoDbUsageStoreIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class DynamoDbUsageStoreOnLocalStackIT extends DynamoDbUsageStoreIT {
}
