package com.securemodel.functions.aws;

/** {@link DynamoDbIdempotencyStoreIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class DynamoDbIdempotencyStoreOnLocalStackIT extends DynamoDbIdempotencyStoreIT {
}
