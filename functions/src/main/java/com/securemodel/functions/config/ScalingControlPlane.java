package com.securemodel.functions.config;

import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

/**
 * Application Auto Scaling's client (the deployment worker's; locally the SageMaker emulator serves its calls too),
 * built on its first use: a bean type of its own, built by a class, so that no cold start loads the client's
 * interface before a call needs it (see {@link SageMakerControlPlane}).
 */
public final class ScalingControlPlane extends LazyClient<ApplicationAutoScalingClient> {

    private ScalingControlPlane(Supplier<ApplicationAutoScalingClient> factory) {
        super(factory);
    }

    /** @return the client for {@code connection}, built on its first use */
    static ScalingControlPlane of(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return new ScalingControlPlane(new Build(new ClientSettings(connection, http, properties)));
    }

    /** Builds the client; a class, not a lambda (see {@link SageMakerControlPlane}). */
    private static final class Build implements Supplier<ApplicationAutoScalingClient> {

        private final ClientSettings settings;

        Build(ClientSettings settings) {
            this.settings = settings;
        }

        @Override
        public ApplicationAutoScalingClient get() {
            return settings.configure(ApplicationAutoScalingClient.builder(), settings.connection().sagemaker())
                    .build();
        }
    }
}
