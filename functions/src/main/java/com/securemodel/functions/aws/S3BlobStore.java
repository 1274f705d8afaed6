package com.securemodel.functions.aws;

import com.securemodel.core.batch.BlobStore;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The service bucket: objects read as streams (with a {@code Range} from a checkpoint's byte offset), written whole.
 * The bucket's default encryption (SSE-KMS with the data key on AWS) applies to every object.
 */
public final class S3BlobStore implements BlobStore {

    private final Supplier<S3Client> s3;
    private final String bucket;

    public S3BlobStore(Supplier<S3Client> s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<InputStream> open(String key, long offset) {
        try {
            return Optional.of(s3.get().getObject(b -> {
                b.bucket(bucket).key(key);
                if (offset > 0) {
                    b.range("bytes=" + offset + "-");
                }
            }));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return Optional.of(InputStream.nullInputStream());
            }
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read", e);
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public Optional<Long> size(String key) {
        try {
            return Optional.of(s3.get().headObject(b -> b.bucket(bucket).key(key)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw unavailable("read", e);
        } catch (SdkException e) {
            throw unavailable("read", e);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw unavailable("write", e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        try {
            s3.get().putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw unavailable("write", e);
        }
    }

    @Override
    public void copy(String fromKey, String toKey) {
        try {
            s3.get().copyObject(b -> b.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket)
                    .destinationKey(toKey));
        } catch (SdkException e) {
            throw unavailable("copy", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.get().deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw unavailable("delete", e);
        }
    }

    /** {@code DeleteObjects}, 1,000 keys a request; a key S3 could not delete fails the call. */
    @Override
    public void deleteAll(List<String> keys) {
        for (int i = 0; i < keys.size(); i += 1000) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            DeleteObjectsResponse response;
            try {
                response = s3.get().deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
            } catch (SdkException e) {
                throw unavailable("delete", e);
            }
            if (response.hasErrors() && !response.errors().isEmpty()) {
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The service bucket could not delete "
                        + response.errors().size() + " objects; try again");
            }
        }
    }

    private static ServiceException unavailable(String what, SdkException cause) {
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "The service bucket could not " + what
                + " an object; try again", cause);
    }
}
