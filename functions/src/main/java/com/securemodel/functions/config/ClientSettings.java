package com.securemodel.functions.config;

import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * What the SageMaker control plane's, S3's and Application Auto Scaling's clients are built with: the connection
 * (region, credentials, endpoints), the control-plane timeouts and the service's HTTP client. A class rather than a
 * record, whose text would show the settings (the local API key among them).
 */
final class ClientSettings {

    private final AwsConnection connection;
    private final SdkHttpClient http;
    private final ServiceProperties properties;

    ClientSettings(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        this.connection = connection;
        this.http = http;
        this.properties = properties;
    }

    AwsConnection connection() {
        return connection;
    }

    /** @return {@code builder} with the region, credentials, {@code endpoint} (null: AWS's), timeouts, HTTP client */
    <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return AwsClientsConfiguration.configure(builder, connection, endpoint,
                AwsClientsConfiguration.controlPlane(properties)).httpClient(http);
    }
}
