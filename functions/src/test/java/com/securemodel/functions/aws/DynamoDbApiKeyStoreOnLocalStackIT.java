package com.securemodel.functions.aws;

/** {@link DynamoDbApiKeyStoreIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class DynamoDbApiKeyStoreOnLocalStackIT extends DynamoDbApiKeyStoreIT {
}
