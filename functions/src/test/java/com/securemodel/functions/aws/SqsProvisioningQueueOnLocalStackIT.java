package com.securemodel.functions.aws;

/** {@link SqsProvisioningQueueIT}'s tests on LocalStack (skipped without a Docker engine). */
@OnLocalStack
class SqsProvisioningQueueOnLocalStackIT extends SqsProvisioningQueueIT {
}
