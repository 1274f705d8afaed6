package com.securemodel.functions.config;

import java.util.function.Supplier;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3's client (batch files and the tokenizer files; path-style addressing when an endpoint override is set, as
 * S3-compatible local servers need; checksums only when required), built on its first use: a bean type of its own,
 * built by a class, so that no cold start loads the client's interface (144 KB) before a call needs it (see
 * {@link SageMakerControlPlane}).
 */
public final class S3Storage extends LazyClient<S3Client> {

    private S3Storage(Supplier<S3Client> factory) {
        super(factory);
    }

    /** @return the client for {@code connection}, built on its first use */
    static S3Storage of(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return new S3Storage(new Build(new ClientSettings(connection, http, properties)));
    }

    /** Builds the client; a class, not a lambda (see {@link SageMakerControlPlane}). */
    private static final class Build implements Supplier<S3Client> {

        private final ClientSettings settings;

        Build(ClientSettings settings) {
            this.settings = settings;
        }

        @Override
        public S3Client get() {
            return settings.configure(S3Client.builder(), settings.connection().s3())
                    .forcePathStyle(settings.connection().s3() != null)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
        }
    }
}
