package com.securemodel.functions.tokens;

import com.securemodel.functions.tokens.internal.ModelIds;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Tokenizer files in the service bucket: {@code s3://<bucket>/models/<model id>/tokenizer.json}. The Lambda role
 * needs {@code s3:GetObject} on {@code models/*}, and {@code s3:ListBucket} on the bucket: without it S3 answers a
 * missing file with 403, which reads as an unreadable file (a logged warning; the counter then falls back).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html">GetObject</a>
 */
public final class S3TokenizerFiles implements TokenizerFiles {

    private final Supplier<S3Client> s3;
    private final String bucket;

    /** @param s3 the shared client, fetched on first use (cold starts that count no tokens never build it) */
    public S3TokenizerFiles(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** @return the key of a model's file */
    public static String key(String modelId, String fileName) {
        return "models/" + modelId + "/" + fileName;
    }

    @Override
    public Optional<byte[]> read(String modelId, String fileName) throws IOException {
        if (!ModelIds.canNameFile(modelId)) {
            return Optional.empty();
        }
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.get().getObjectAsBytes(b -> b.bucket(bucket)
                    .key(key(modelId, fileName)));
            if (bytes.response().contentLength() != null && bytes.response().contentLength() > ModelIds.MAX_FILE_BYTES) {
                throw new IOException("s3://" + bucket + "/" + key(modelId, fileName) + " is too large");
            }
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("cannot read s3://" + bucket + "/" + key(modelId, fileName) + ": " + e.getMessage(), e);
        }
    }
}
