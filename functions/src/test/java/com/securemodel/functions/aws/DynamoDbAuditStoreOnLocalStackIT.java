package com.securemodel.functions.aws;

/** {@link DynamoDbAuditStoreIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class DynamoDbAuditStoreOnLocalStackIT extends DynamoDbAuditStoreIT {
}
