package com.securemodel.functions.config;

import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The SageMaker control plane's client (the deployment worker's, and {@code GET /v1/deployments/{id}}'s), built on its
 * first use ({@link LazyClient}). {@code SageMakerClient} is an interface of 550 KB (a default method per operation)
 * that every cold start loaded, about 15 ms on the main thread, though most functions and requests never call
 * SageMaker's control plane. Three things named it before its first call, and this class avoids each:
 * <ul>
 *   <li>the bean's generic type ({@code LazyClient<SageMakerClient>}), which the generated registration resolves:
 *       the bean is of this type instead, which declares no method of its own that names the interface;</li>
 *   <li>a lambda returning it in the configuration class: Spring lists a configuration class's declared methods to
 *       find its bean methods, which loads every type in their signatures;</li>
 *   <li>a lambda returning it anywhere: linking a lambda resolves its method's signature. The client is built by
 *       {@link Build}, a class, whose methods are resolved only when called.</li>
 * </ul>
 */
public final class SageMakerControlPlane extends LazyClient<SageMakerClient> {

    private SageMakerControlPlane(Supplier<SageMakerClient> factory) {
        super(factory);
    }

    /** @return the control plane's client for {@code connection}, built on its first use */
    static SageMakerControlPlane of(AwsConnection connection, SdkHttpClient http, ServiceProperties properties) {
        return new SageMakerControlPlane(new Build(new ClientSettings(connection, http, properties)));
    }

    /** Builds the client; a class, not a lambda (see above). */
    private static final class Build implements Supplier<SageMakerClient> {

        private final ClientSettings settings;

        Build(ClientSettings settings) {
            this.settings = settings;
        }

        @Override
        public SageMakerClient get() {
            return settings.configure(SageMakerClient.builder(), settings.connection().sagemaker()).build();
        }
    }
}
