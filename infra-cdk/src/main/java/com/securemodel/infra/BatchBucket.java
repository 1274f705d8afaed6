package com.securemodel.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.notifications.SqsDestination;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The service bucket (prefixes {@code batch-input/}, {@code batch-output/}, {@code models/}): SSE-KMS with the data
 * key and an S3 Bucket Key, all public access blocked, TLS-only bucket policy, versioning, server access logs to a
 * separate log bucket; every object created under {@code batch-input/} is announced on the batch queue.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html">S3 security
 *     best practices</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ways-to-add-notification-config-to-bucket.html">
 *     S3 event notifications to SQS</a>
 */
public final class BatchBucket extends Construct {

  public static final String INPUT_PREFIX = "batch-input/";
  public static final String OUTPUT_PREFIX = "batch-output/";
  public static final String MODELS_PREFIX = "models/";

  private final Bucket bucket;
  private final Bucket accessLogs;

  public BatchBucket(Construct scope, String id, IKey key, IQueue batchQueue) {
    super(scope, id);
    accessLogs = Bucket.Builder.create(this, "AccessLogs")
        .encryption(BucketEncryption.S3_MANAGED)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .lifecycleRules(List.of(LifecycleRule.builder()
            .noncurrentVersionExpiration(Duration.days(30)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    bucket = Bucket.Builder.create(this, "Bucket")
        .encryption(BucketEncryption.KMS)
        .encryptionKey(key)
        .bucketKeyEnabled(true)
        .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
        .enforceSsl(true)
        .versioned(true)
        .serverAccessLogsBucket(accessLogs)
        .serverAccessLogsPrefix("service-bucket/")
        .lifecycleRules(List.of(LifecycleRule.builder()
            .noncurrentVersionExpiration(Duration.days(30))
            .abortIncompleteMultipartUploadAfter(Duration.days(7)).build()))
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    bucket.addEventNotification(EventType.OBJECT_CREATED, new SqsDestination(batchQueue),
        NotificationKeyFilter.builder().prefix(INPUT_PREFIX).build());

    Nag.suppress(accessLogs, "AwsSolutions-S1",
        "This bucket is the server access log destination; logging it into itself would loop.");
    Nag.suppress(accessLogs, "HIPAA.Security-S3BucketLoggingEnabled",
        "This bucket is the server access log destination; logging it into itself would loop.");
    Nag.suppress(accessLogs, "HIPAA.Security-S3DefaultEncryptionKMS",
        "S3 server access logging delivers only to buckets with SSE-S3 default encryption, not SSE-KMS.");
    for (Bucket b : List.of(bucket, accessLogs)) {
      Nag.suppress(b, "HIPAA.Security-S3BucketReplicationEnabled",
          "Cross-region replication is a disaster-recovery choice of the adopting account (README); objects are "
              + "versioned and retained on stack deletion.");
    }
  }

  public Bucket bucket() {
    return bucket;
  }
}
