package com.securemodel.localstack.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointSortKey;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.OrderKey;
import software.amazon.awssdk.services.sagemaker.waiters.SageMakerWaiter;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.core.SdkBytes;

/** The control plane through the real SDK client, with a fake model loader (no llama.cpp). */
class SageMakerControlPlaneIT {

    private static final FakeModels MODELS = new FakeModels();
    private static SageMakerEmulator emulator;
    private static SageMakerClient sageMaker;
    private static SageMakerRuntimeClient runtime;
    private static SageMakerWaiter waiter;

    @BeforeAll
    static void start() {
        emulator = SageMakerEmulator.start(new InetSocketAddress("127.0.0.1", 0), MODELS, MODELS);
        sageMaker = SageMakerClients.controlPlane(emulator.endpoint());
        runtime = SageMakerClients.runtime(emulator.endpoint());
        waiter = SageMakerClients.waiter(sageMaker);
    }

    @AfterAll
    static void stop() {
        sageMaker.close();
        runtime.close();
        emulator.close();
        emulator.close();
    }

    @Test
    void describeModelAndConfig_echoWhatWasCreated() {
        createModel("cp-echo-model", FakeModels.MODEL_ID);
        createConfig("cp-echo-config", "cp-echo-model", "ml.g5.xlarge", 2);

        var model = sageMaker.describeModel(r -> r.modelName("cp-echo-model"));
        var config = sageMaker.describeEndpointConfig(r -> r.endpointConfigName("cp-echo-config"));

        assertThat(model.modelArn()).isEqualTo("arn:aws:sagemaker:us-east-1:000000000000:model/cp-echo-model");
        assertThat(model.primaryContainer().environment()).containsEntry("HF_MODEL_ID", FakeModels.MODEL_ID);
        assertThat(model.executionRoleArn()).isEqualTo("arn:aws:iam::000000000000:role/sagemaker");
        assertThat(model.creationTime()).isNotNull();
        assertThat(config.productionVariants()).singleElement().satisfies(v -> {
            assertThat(v.variantName()).isEqualTo("AllTraffic");
            assertThat(v.initialInstanceCount()).isEqualTo(2);
        });
    }

    @Test
    void createModel_withInvalidName_isRejectedWithThePattern() {
        assertThatThrownBy(() -> createModel("bad_name!", FakeModels.MODEL_ID))
                .isInstanceOf(SageMakerException.class)
                .satisfies(e -> assertThat(((SageMakerException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("Value 'bad_name!' at 'modelName' failed to satisfy constraint")
                .hasMessageContaining("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    }

    @Test
    void createModel_twice_isRejectedAsAlreadyExisting() {
        createModel("cp-dup-model", FakeModels.MODEL_ID);

        assertThatThrownBy(() -> createModel("CP-DUP-MODEL", FakeModels.MODEL_ID))
                .isInstanceOf(SageMakerException.class)
                .hasMessageContaining("Cannot create already existing model")
                .hasMessageContaining("model/cp-dup-model");
    }

    @Test
    void createEndpointConfig_withUnknownModel_isRejected() {
        assertThatThrownBy(() -> createConfig("cp-orphan-config", "no-such-model", "ml.m5.xlarge", 1))
                .isInstanceOf(SageMakerException.class)
                .hasMessageContaining("Could not find model \"arn:aws:sagemaker:us-east-1:000000000000:model/no-such-model\"");
    }

    @Test
    void createEndpointConfig_withKmsKeyOnNvmeInstance_isRejected() {
        createModel("cp-kms-model", FakeModels.MODEL_ID);

        assertThatThrownBy(() -> sageMaker.createEndpointConfig(r -> r.endpointConfigName("cp-kms-config")
                .kmsKeyId("arn:aws:kms:us-east-1:000000000000:key/k").productionVariants(v -> v
                        .variantName("AllTraffic").modelName("cp-kms-model").instanceType("ml.g4dn.xlarge")
                        .initialInstanceCount(1))))
                .isInstanceOf(SageMakerException.class)
                .hasMessageContaining("ml.g4dn.xlarge").hasMessageContaining("remove KmsKeyId");
        sageMaker.createEndpointConfig(r -> r.endpointConfigName("cp-kms-config")
                .kmsKeyId("arn:aws:kms:us-east-1:000000000000:key/k").productionVariants(v -> v
                        .variantName("AllTraffic").modelName("cp-kms-model").instanceType("ml.m5.xlarge")
                        .initialInstanceCount(1)));
    }

    @Test
    void createEndpoint_withUnknownConfig_isRejected() {
        assertThatThrownBy(() -> sageMaker.createEndpoint(r -> r.endpointName("cp-lost")
                .endpointConfigName("no-such-config")))
                .isInstanceOf(SageMakerException.class)
                .hasMessageContaining("Could not find endpoint configuration");
    }

    @Test
    void createEndpoint_overTheInstanceQuota_raisesResourceLimitExceeded() {
        createModel("cp-quota-model", FakeModels.MODEL_ID);
        createConfig("cp-quota-config", "cp-quota-model", "ml.p5.48xlarge", 9);

        assertThatThrownBy(() -> sageMaker.createEndpoint(r -> r.endpointName("cp-quota")
                .endpointConfigName("cp-quota-config")))
                .isInstanceOf(ResourceLimitExceededException.class)
                .hasMessageContaining("'ml.p5.48xlarge for endpoint usage' is 8 Instances");
    }

    @Test
    void describeEndpoint_unknown_saysCouldNotFindEndpoint() {
        assertThatThrownBy(() -> sageMaker.describeEndpoint(r -> r.endpointName("cp-nowhere")))
                .isInstanceOf(SageMakerException.class)
                .hasMessageContaining("Could not find endpoint \"arn:aws:sagemaker:us-east-1:000000000000:endpoint/cp-nowhere\"");
    }

    @Test
    void endpoint_goesInServiceThenDeletes() {
        createModel("cp-life-model", FakeModels.MODEL_ID);
        createConfig("cp-life-config", "cp-life-model", "ml.m5.xlarge", 2);
        sageMaker.createEndpoint(r -> r.endpointName("cp-life").endpointConfigName("cp-life-config"));

        DescribeEndpointResponse described = waiter.waitUntilEndpointInService(r -> r.endpointName("cp-life"))
                .matched().response().orElseThrow();

        assertThat(described.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(described.endpointConfigName()).isEqualTo("cp-life-config");
        assertThat(described.productionVariants()).singleElement().satisfies(v -> {
            assertThat(v.currentInstanceCount()).isEqualTo(2);
            assertThat(v.desiredInstanceCount()).isEqualTo(2);
        });
        assertThat(described.lastModifiedTime()).isAfterOrEqualTo(described.creationTime());

        sageMaker.deleteEndpoint(r -> r.endpointName("cp-life"));
        waiter.waitUntilEndpointDeleted(r -> r.endpointName("cp-life"));
        sageMaker.deleteEndpointConfig(r -> r.endpointConfigName("cp-life-config"));
        sageMaker.deleteModel(r -> r.modelName("cp-life-model"));
        assertThatThrownBy(() -> sageMaker.deleteModel(r -> r.modelName("cp-life-model")))
                .hasMessageContaining("Could not find model");
    }

    @Test
    void endpoint_whoseModelHasNoFile_failsWithTheReason() {
        createModel("cp-missing-model", "acme/not-downloaded");
        createConfig("cp-missing-config", "cp-missing-model", "ml.m5.xlarge", 1);
        sageMaker.createEndpoint(r -> r.endpointName("cp-missing").endpointConfigName("cp-missing-config"));

        DescribeEndpointResponse described = awaitStatusOtherThan("cp-missing", EndpointStatus.CREATING);

        assertThat(described.endpointStatus()).isEqualTo(EndpointStatus.FAILED);
        assertThat(described.failureReason()).contains("models/acme_not-downloaded.gguf");
    }

    @Test
    void endpoint_takesItsModelIdFromModelDataUrl_whenNoHfModelId() {
        sageMaker.createModel(r -> r.modelName("cp-s3-model").executionRoleArn("arn:aws:iam::000000000000:role/x")
                .primaryContainer(c -> c.image("tgi").modelDataUrl("s3://models/fake/echo/model.tar.gz")));
        createConfig("cp-s3-config", "cp-s3-model", "ml.m5.xlarge", 1);
        sageMaker.createEndpoint(r -> r.endpointName("cp-s3").endpointConfigName("cp-s3-config"));

        waiter.waitUntilEndpointInService(r -> r.endpointName("cp-s3"));
    }

    @Test
    void updateEndpoint_toAModelThatCannotLoad_staysInServiceWithReason_andOldInstancesServe() {
        createModel("cp-upd-good", FakeModels.MODEL_ID);
        createModel("cp-upd-bad", "acme/missing");
        createConfig("cp-upd-config1", "cp-upd-good", "ml.m5.xlarge", 1);
        createConfig("cp-upd-config2", "cp-upd-bad", "ml.m5.xlarge", 1);
        createConfig("cp-upd-config3", "cp-upd-good", "ml.m5.large", 2);
        sageMaker.createEndpoint(r -> r.endpointName("cp-upd").endpointConfigName("cp-upd-config1"));
        waiter.waitUntilEndpointInService(r -> r.endpointName("cp-upd"));

        sageMaker.updateEndpoint(r -> r.endpointName("cp-upd").endpointConfigName("cp-upd-config2"));
        DescribeEndpointResponse afterBad = awaitStatusOtherThan("cp-upd", EndpointStatus.UPDATING);

        assertThat(afterBad.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(afterBad.failureReason()).contains("acme_missing.gguf");
        assertThat(afterBad.endpointConfigName()).isEqualTo("cp-upd-config1");
        assertThat(invoke("cp-upd", "still serving")).contains("still serving");

        sageMaker.updateEndpoint(r -> r.endpointName("cp-upd").endpointConfigName("cp-upd-config3"));
        DescribeEndpointResponse afterGood = awaitStatusOtherThan("cp-upd", EndpointStatus.UPDATING);

        assertThat(afterGood.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(afterGood.failureReason()).isNull();
        assertThat(afterGood.endpointConfigName()).isEqualTo("cp-upd-config3");
        assertThat(afterGood.productionVariants().getFirst().currentInstanceCount()).isEqualTo(2);
        assertThat(invoke("cp-upd", "new instances")).contains("new instances");
    }

    @Test
    void updateEndpoint_toAnInstanceTypeWithoutCapacity_isRolledBack_untilCapacityReturns() {
        createModel("cp-cap-model", FakeModels.MODEL_ID);
        createConfig("cp-cap-config1", "cp-cap-model", "ml.m5.xlarge", 1);
        createConfig("cp-cap-config2", "cp-cap-model", "ml.p4d.24xlarge", 1);
        createConfig("cp-cap-config3", "cp-cap-model", "ml.p4d.24xlarge", 1);
        sageMaker.createEndpoint(r -> r.endpointName("cp-cap").endpointConfigName("cp-cap-config1"));
        waiter.waitUntilEndpointInService(r -> r.endpointName("cp-cap"));
        emulator.withoutCapacity("ml.p4d.24xlarge");
        try {
            sageMaker.updateEndpoint(r -> r.endpointName("cp-cap").endpointConfigName("cp-cap-config2"));
            DescribeEndpointResponse rolledBack = awaitStatusOtherThan("cp-cap", EndpointStatus.UPDATING);

            assertThat(rolledBack.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
            assertThat(rolledBack.endpointConfigName()).isEqualTo("cp-cap-config1");
            assertThat(rolledBack.failureReason()).contains("Unable to provision requested ML compute capacity")
                    .contains("ml.p4d.24xlarge");
            assertThat(invoke("cp-cap", "still serving")).contains("still serving");
        } finally {
            emulator.restoreCapacity("ml.p4d.24xlarge");
        }

        sageMaker.updateEndpoint(r -> r.endpointName("cp-cap").endpointConfigName("cp-cap-config3"));
        DescribeEndpointResponse updated = awaitStatusOtherThan("cp-cap", EndpointStatus.UPDATING);
        assertThat(updated.endpointStatus()).isEqualTo(EndpointStatus.IN_SERVICE);
        assertThat(updated.endpointConfigName()).isEqualTo("cp-cap-config3");
        assertThat(updated.failureReason()).isNull();
    }

    @Test
    void listEndpoints_filtersSortsAndPages() {
        createModel("cp-list-model", FakeModels.MODEL_ID);
        createConfig("cp-list-config", "cp-list-model", "ml.t2.medium", 1);
        for (String name : List.of("cp-list-b", "cp-list-a", "cp-list-c")) {
            sageMaker.createEndpoint(r -> r.endpointName(name).endpointConfigName("cp-list-config"));
        }
        for (String name : List.of("cp-list-b", "cp-list-a", "cp-list-c")) {
            waiter.waitUntilEndpointInService(r -> r.endpointName(name));
        }

        var firstPage = sageMaker.listEndpoints(r -> r.nameContains("CP-LIST").sortBy(EndpointSortKey.NAME)
                .sortOrder(OrderKey.ASCENDING).maxResults(2).statusEquals(EndpointStatus.IN_SERVICE));
        var secondPage = sageMaker.listEndpoints(r -> r.nameContains("cp-list").sortBy(EndpointSortKey.NAME)
                .sortOrder(OrderKey.ASCENDING).maxResults(2).nextToken(firstPage.nextToken()));
        var newestFirst = sageMaker.listEndpoints(r -> r.nameContains("cp-list"));

        assertThat(firstPage.endpoints()).extracting(EndpointSummary::endpointName)
                .containsExactly("cp-list-a", "cp-list-b");
        assertThat(secondPage.endpoints()).extracting(EndpointSummary::endpointName).containsExactly("cp-list-c");
        assertThat(secondPage.nextToken()).isNull();
        assertThat(newestFirst.endpoints()).extracting(EndpointSummary::endpointName)
                .containsExactly("cp-list-c", "cp-list-a", "cp-list-b");
    }

    private static String invoke(String endpoint, String prompt) {
        return runtime.invokeEndpoint(r -> r.endpointName(endpoint).contentType("application/json")
                .body(SdkBytes.fromUtf8String("{\"inputs\":\"" + prompt + "\"}"))).body().asUtf8String();
    }

    private static DescribeEndpointResponse awaitStatusOtherThan(String endpoint, EndpointStatus transitional) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            DescribeEndpointResponse described = sageMaker.describeEndpoint(r -> r.endpointName(endpoint));
            if (described.endpointStatus() != transitional || System.nanoTime() > deadline) {
                return described;
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }

    private static void createModel(String name, String modelId) {
        sageMaker.createModel(r -> r.modelName(name).executionRoleArn("arn:aws:iam::000000000000:role/sagemaker")
                .primaryContainer(c -> c.image("763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:latest")
                        .environment(Map.of("HF_MODEL_ID", modelId))));
    }

    private static void createConfig(String name, String model, String instanceType, int count) {
        sageMaker.createEndpointConfig(r -> r.endpointConfigName(name).productionVariants(v -> v
                .variantName("AllTraffic").modelName(model).instanceType(instanceType).initialInstanceCount(count)));
    }
}
