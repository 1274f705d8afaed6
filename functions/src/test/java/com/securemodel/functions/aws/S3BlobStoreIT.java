package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The service bucket's store on the local cloud's S3 (S3Proxy), with the service's S3 client settings. */
@ExtendWith(LocalCloudExtension.class)
class S3BlobStoreIT {

    @Test
    void deleteAll_deletesEveryKeyInBatches_absentKeysIncluded_andLeavesTheOthers(LocalCloud cloud) {
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.s3Endpoint()).region(Region.of(cloud.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(cloud.accessKey(),
                        cloud.secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String bucket = "blobs-" + UUID.randomUUID();
            s3.createBucket(b -> b.bucket(bucket));
            S3BlobStore blobs = new S3BlobStore(() -> s3, bucket);
            List<String> doomed = new ArrayList<>();
            for (int i = 0; i < 1203; i++) {
                String key = "parts/" + i + ".jsonl";
                if (i % 100 == 0) {
                    blobs.put(key, ("line " + i).getBytes(StandardCharsets.UTF_8), "application/jsonl");
                }
                doomed.add(key);
            }
            blobs.put("parts/kept.jsonl", "kept".getBytes(StandardCharsets.UTF_8), "application/jsonl");

            blobs.deleteAll(doomed);

            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("parts/kept.jsonl");
        }
    }
}
