package com.securemodel.localstack.internal.s3;

import java.util.List;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * The blob store under S3Proxy, announcing every object it creates (put, copy, completed multipart upload) to
 * {@link S3EventNotifier}, as S3 does for {@code s3:ObjectCreated:*} notifications.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private final S3EventNotifier notifier;

    NotifyingBlobStore(BlobStore delegate, S3EventNotifier notifier) {
        super(delegate);
        this.notifier = notifier;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return putBlob(container, blob, PutOptions.NONE);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String etag = super.putBlob(container, blob, options);
        notifier.objectCreated("Put", container, blob.getMetadata().getName(), etag);
        return etag;
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
                           CopyOptions options) {
        String etag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        notifier.objectCreated("Copy", toContainer, toName, etag);
        return etag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String etag = super.completeMultipartUpload(upload, parts);
        notifier.objectCreated("CompleteMultipartUpload", upload.containerName(), upload.blobName(), etag);
        return etag;
    }
}
