package com.securemodel.localstack.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.MetricType;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;

/**
 * Application Auto Scaling through the real SDK client against the emulator (fake models, a 200 ms evaluation
 * period): instances move up under load to max and back down to min when it stops.
 */
class SageMakerAutoScalingIT {

    private static final FakeModels MODELS = new FakeModels();
    private static final String ENDPOINT = "as-endpoint";
    private static final String RESOURCE = "endpoint/" + ENDPOINT + "/variant/AllTraffic";
    private static SageMakerEmulator emulator;
    private static SageMakerClient sageMaker;
    private static SageMakerRuntimeClient runtime;
    private static ApplicationAutoScalingClient autoScaling;

    @BeforeAll
    static void start() {
        emulator = SageMakerEmulator.start(new InetSocketAddress("127.0.0.1", 0), MODELS, MODELS,
                SageMakerEmulator.DEFAULT_MAX_QUEUED_PER_ENDPOINT, Duration.ofMillis(200));
        sageMaker = SageMakerClients.controlPlane(emulator.endpoint());
        runtime = SageMakerClients.runtime(emulator.endpoint());
        autoScaling = SageMakerClients.autoScaling(emulator.endpoint());
    }

    @AfterAll
    static void stop() {
        autoScaling.close();
        sageMaker.close();
        runtime.close();
        emulator.close();
    }

    @Test
    void targetTracking_scalesOutUnderLoadToMaxAndBackInToMin() {
        // given: an endpoint of one instance, registered between 1 and 3 with a target of 30 invocations a minute
        sageMaker.createModel(r -> r.modelName("as-model").executionRoleArn("arn:aws:iam::000000000000:role/sm")
                .primaryContainer(c -> c.image("tgi:latest").environment(Map.of("HF_MODEL_ID", FakeModels.MODEL_ID))));
        sageMaker.createEndpointConfig(r -> r.endpointConfigName("as-config").productionVariants(v -> v
                .variantName("AllTraffic").modelName("as-model").instanceType("ml.g5.xlarge").initialInstanceCount(1)));
        sageMaker.createEndpoint(r -> r.endpointName(ENDPOINT).endpointConfigName("as-config"));
        awaitInstances(n -> n == 1);
        autoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .minCapacity(1).maxCapacity(3));
        autoScaling.putScalingPolicy(r -> r.policyName("p").serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceId(RESOURCE).scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                .policyType(PolicyType.TARGET_TRACKING_SCALING)
                .targetTrackingScalingPolicyConfiguration(c -> c.targetValue(30.0).predefinedMetricSpecification(
                        m -> m.predefinedMetricType(MetricType.SAGE_MAKER_VARIANT_INVOCATIONS_PER_INSTANCE))));
        assertThat(autoScaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER)
                .resourceIds(RESOURCE)).scalableTargets()).singleElement()
                .satisfies(t -> assertThat(t.maxCapacity()).isEqualTo(3));

        // when: steady load
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            clients.execute(() -> {
                while (loading.get()) {
                    runtime.invokeEndpoint(r -> r.endpointName(ENDPOINT).contentType("application/json")
                            .body(SdkBytes.fromUtf8String("{\"inputs\":\"hello\"}")));
                    LockSupport.parkNanos(5_000_000L);
                }
            });
        }
        try {
            // then: up to max, never beyond
            awaitInstances(n -> n == 3);
            LockSupport.parkNanos(600_000_000L);
            assertThat(instances()).isEqualTo(3);
        } finally {
            loading.set(false);
            clients.shutdown();
            awaitQuietly(clients);
        }
        // and back to min once the load stops
        awaitInstances(n -> n == 1);

        // deregistering twice: the second is ObjectNotFound (the service treats it as done)
        autoScaling.deregisterScalableTarget(r -> r.serviceNamespace(ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
        assertThatThrownBy(() -> autoScaling.deregisterScalableTarget(r -> r.serviceNamespace(
                ServiceNamespace.SAGEMAKER).resourceId(RESOURCE)
                .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    private static void awaitQuietly(ExecutorService clients) {
        try {
            clients.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int instances() {
        var described = sageMaker.describeEndpoint(r -> r.endpointName(ENDPOINT));
        if (described.endpointStatus() != EndpointStatus.IN_SERVICE) {
            return -1;
        }
        return described.productionVariants().getFirst().currentInstanceCount();
    }

    private static void awaitInstances(IntPredicate done) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = instances();
            if (done.test(last)) {
                return;
            }
            LockSupport.parkNanos(50_000_000L);
        }
        throw new AssertionError("instances stayed at " + last);
    }
}
