package com.securemodel.core.deployment;

import static com.securemodel.core.fakes.TestDeployments.CLIENT;
import static com.securemodel.core.fakes.TestDeployments.OTHER_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.InMemoryDeploymentLog;
import com.securemodel.core.fakes.InMemoryDeploymentStore;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.fakes.RecordingProvisioningQueue;
import com.securemodel.core.fakes.SequentialIdGenerator;
import com.securemodel.core.fakes.TestDeployments;
import com.securemodel.core.gpu.GpuFit;
import com.securemodel.core.gpu.InstanceCatalog;
import com.securemodel.core.model.ModelRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DeploymentServiceTest {

    private static final String HUATUO = "ZimaBlueAI/HuatuoGPT-o1-8B";

    private final InMemoryDeploymentStore store = new InMemoryDeploymentStore();
    private final RecordingProvisioningQueue queue = new RecordingProvisioningQueue();
    private final InMemoryDeploymentLog log = new InMemoryDeploymentLog();
    private final MutableClock clock = new MutableClock();
    private final DeploymentService service = new DeploymentService(store, queue, log, ModelRegistry.builtIn(),
            new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock, new SequentialIdGenerator(), 3);

    static CreateDeploymentRequest request(String model) {
        return new CreateDeploymentRequest(model, null, null, null, null, null, null, null, null, null, null, null);
    }

    static CreateDeploymentRequest reference() {
        return new CreateDeploymentRequest(HUATUO, "clinical-assistant", "gpu", "g4dn.xlarge", 1, 3, true,
                "us-east-1", new VpcConfig(java.util.List.of("subnet-abc123"), java.util.List.of("sg-123456")),
                Map.of("environment", "production"), new ModelConfig(4096, 1024, 0.7, 0.95, null),
                new SecuritySettings(true, true, "maximum", true, "hipaa"));
    }

    private ServiceException rejected(CreateDeploymentRequest request) {
        try {
            service.create(CLIENT, request);
        } catch (ServiceException e) {
            return e;
        }
        throw new AssertionError("expected the request to be rejected");
    }

    private static CreateDeploymentRequest with(UnaryOperator<Object[]> change) {
        CreateDeploymentRequest r = request(HUATUO);
        Object[] f = {r.modelName(), r.deploymentName(), r.computeType(), r.instanceType(), r.minReplicas(),
                r.maxReplicas(), r.autoScaling(), r.region(), r.vpcConfig(), r.tags(), r.modelConfig(),
                r.securitySettings()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        Map<String, String> tags = (Map<String, String>) f[9];
        return new CreateDeploymentRequest((String) f[0], (String) f[1], (String) f[2], (String) f[3], (Integer) f[4],
                (Integer) f[5], (Boolean) f[6], (String) f[7], (VpcConfig) f[8], tags, (ModelConfig) f[10],
                (SecuritySettings) f[11]);
    }

    private static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    @Test
    void create_referenceRequest_storesCreatingDeploymentAndQueuesProvisioning() {
        // when
        Deployment created = service.create(CLIENT, reference());
        // then
        assertThat(created.id()).isEqualTo("dep_0000000001");
        assertThat(created.status()).isEqualTo(DeploymentStatus.CREATING);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(clock.instant());
        assertThat(created.maxReplicas()).isEqualTo(3);
        assertThat(created.autoScaling()).isTrue();
        assertThat(created.hosting().precision()).isEqualTo("int4");
        assertThat(created.hosting().endpointName()).isEqualTo("sm-dep-0000000001");
        assertThat(created.securitySettings().complianceMode()).isEqualTo("hipaa");
        assertThat(store.find(CLIENT, created.id())).contains(created);
        assertThat(queue.sent()).containsExactly(new RecordingProvisioningQueue.Sent(
                new ProvisionTask(CLIENT, created.id(), ProvisionTask.Action.PROVISION, 0), Duration.ZERO));
        assertThat(log.messages(CLIENT, created.id())).hasSize(2).first().isEqualTo("Deployment created");
        assertThat(log.messages(CLIENT, created.id()).get(1))
                .matches("Hosting plan: int4 on ml\\.g4dn\\.xlarge, ~\\d+\\.\\d GiB of 15 GiB");
        assertThat(log.entries(CLIENT, created.id())).allSatisfy(
                e -> assertThat(e.component()).isEqualTo("deployment-service"));
    }

    @Test
    void create_minimalRequest_appliesDefaults() {
        Deployment created = service.create(CLIENT, request(HUATUO));

        assertThat(created.deploymentName()).isEqualTo("huatuogpt-o1-8b");
        assertThat(created.computeType()).isEqualTo("gpu");
        assertThat(created.instanceType()).isEqualTo("g4dn.xlarge");
        assertThat(created.minReplicas()).isEqualTo(1);
        assertThat(created.maxReplicas()).isEqualTo(1);
        assertThat(created.autoScaling()).isFalse();
        assertThat(created.region()).isEqualTo("us-east-1");
        assertThat(created.modelConfig().contextLength()).isEqualTo(4096);
        assertThat(created.modelConfig().quantization()).isEqualTo("auto");
        assertThat(created.tags()).isEmpty();
    }

    @Test
    void create_multiGpuPlan_logsTensorParallelism() {
        Deployment created = service.create(CLIENT, with(set(0, "meta-llama/Llama-3.1-70B-Instruct")
                .andThen(set(3, "g4dn.12xlarge"))::apply));

        assertThat(created.hosting().tensorParallelDegree()).isEqualTo(4);
        assertThat(log.messages(CLIENT, created.id()).get(1)).contains("across 4 GPUs").contains("of 60 GiB");
    }

    @Test
    void create_whenModelDoesNotFitGpu_returnsValidationError() {
        ServiceException e = rejected(with(set(10, new ModelConfig(null, null, null, null, "none"))));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("g5.xlarge");
        assertThat(store.list(CLIENT)).isEmpty();
        assertThat(queue.sent()).isEmpty();
    }

    @Test
    void create_withoutModel_returnsValidationError() {
        ServiceException e = rejected(request(null));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("model_name");
    }

    @Test
    void create_withUnknownModel_returnsModelNotFoundListingIds() {
        ServiceException e = rejected(request("acme/unknown"));

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        assertThat(e.getMessage()).contains(HUATUO).contains("securemodel/tiny-random-llama");
    }

    @Test
    void create_withBadDeploymentName_returnsValidationError() {
        assertThat(rejected(with(set(1, "has space"))).getMessage()).contains("deployment_name");
        assertThat(rejected(with(set(1, "x".repeat(64)))).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(rejected(with(set(1, ""))).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(service.create(CLIENT, with(set(1, "A-1".repeat(21)))).deploymentName()).hasSize(63);
    }

    @Test
    void create_withCpuComputeType_returnsValidationError() {
        ServiceException e = rejected(with(set(2, "cpu")));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("compute_type must be gpu");
    }

    @Test
    void create_withUnknownInstanceType_returnsInstanceTypeUnavailable() {
        ServiceException e = rejected(with(set(3, "m5.large")));

        assertThat(e.code()).isEqualTo(ErrorCode.INSTANCE_TYPE_UNAVAILABLE);
        assertThat(e.getMessage()).contains("g4dn.xlarge");
    }

    @Test
    void create_withBadReplicaCounts_returnsValidationError() {
        assertThat(rejected(with(set(4, 0))).getMessage()).contains("min_replicas");
        assertThat(rejected(with(set(5, 11))).getMessage()).contains("max_replicas").contains("10");
        assertThat(rejected(with(set(4, 3).andThen(set(5, 2))::apply)).getMessage())
                .contains("max_replicas (2) must be at least min_replicas (3)");
        assertThat(service.create(CLIENT, with(set(4, 2))).maxReplicas()).isEqualTo(2);
    }

    @Test
    void create_withMalformedRegion_returnsValidationError() {
        assertThat(rejected(with(set(7, "mars"))).getMessage()).contains("region");
        assertThat(service.create(CLIENT, with(set(7, "us-east-1"))).region()).isEqualTo("us-east-1");
    }

    @Test
    void create_inAnotherRegionThanTheService_returnsValidationErrorNamingTheServedRegion() {
        ServiceException e = rejected(with(set(7, "eu-west-1")));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.getMessage()).contains("eu-west-1 is not served here").contains("us-east-1");
    }

    @Test
    void create_withValuesDynamoDbCannotStore_returnsValidationErrorFirst() {
        // given: numbers below DynamoDB's 1e-130 and a VPC config far beyond SageMaker's limits
        java.util.List<String> subnets = java.util.stream.IntStream.range(0, 30_000).mapToObj(i -> "subnet-" + i)
                .toList();
        // then
        assertThat(rejected(with(set(10, new ModelConfig(null, null, 5e-324, null, null)))).getMessage())
                .contains("default_temperature");
        assertThat(rejected(with(set(10, new ModelConfig(null, null, null, 1e-200, null)))).getMessage())
                .contains("default_top_p");
        assertThat(rejected(with(set(8, new VpcConfig(subnets, java.util.List.of("sg-1"))))).getMessage())
                .contains("at most 16 subnet ids");
        assertThat(service.create(CLIENT, with(set(10, new ModelConfig(null, null, 0.0, 1.0, null))))
                .modelConfig().defaultTemperature()).isZero();
    }

    @Test
    void create_whenTheLogWriteFailsAfterTheStore_stillReturnsTheDeployment() {
        // given
        DeploymentLog broken = new DeploymentLog() {
            @Override
            public void append(com.securemodel.core.tenant.ClientId clientId, String id, LogEntry entry) {
                throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "log table unavailable");
            }

            @Override
            public java.util.List<LogEntry> list(com.securemodel.core.tenant.ClientId clientId, String id, int limit) {
                return java.util.List.of();
            }
        };
        DeploymentService withBrokenLog = new DeploymentService(store, queue, broken, ModelRegistry.builtIn(), new GpuFit(InstanceCatalog.builtIn()), TestDeployments.settings(), clock,
                new SequentialIdGenerator(), 3);
        // when
        Deployment created = withBrokenLog.create(CLIENT, request(HUATUO));
        // then
        assertThat(store.find(CLIENT, created.id())).isPresent();
        assertThat(queue.tasks()).hasSize(1);
    }

    @Test
    void create_withBadTags_returnsValidationError() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertThat(rejected(with(set(9, many))).getMessage()).contains("at most 50");
        assertThat(rejected(with(set(9, Map.of("k".repeat(129), "v")))).getMessage()).contains("1-128");
        assertThat(rejected(with(set(9, Map.of("", "v")))).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(rejected(with(set(9, Map.of("k", "v".repeat(257))))).getMessage()).contains("256");
    }

    @Test
    void create_withBadModelConfig_returnsValidationError() {
        assertThat(rejected(with(set(10, new ModelConfig(8192, null, null, null, null)))).getMessage())
                .contains("context_length must be between 1 and 4096");
        assertThat(rejected(with(set(10, new ModelConfig(0, null, null, null, null)))).code())
                .isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(rejected(with(set(10, new ModelConfig(1024, 2048, null, null, null)))).getMessage())
                .contains("max_output_tokens");
        assertThat(rejected(with(set(10, new ModelConfig(null, null, 2.5, null, null)))).getMessage())
                .contains("default_temperature");
        assertThat(rejected(with(set(10, new ModelConfig(null, null, null, 0.0, null)))).getMessage())
                .contains("default_top_p");
        assertThat(rejected(with(set(10, new ModelConfig(null, null, null, null, "int2")))).getMessage())
                .contains("auto, none, int8, int4");
    }

    @Test
    void create_withBadSecuritySettings_returnsValidationError() {
        assertThat(rejected(with(set(11, new SecuritySettings(null, null, null, null, "sox")))).getMessage())
                .contains("compliance_mode").contains("hipaa, standard");
        assertThat(rejected(with(set(11, new SecuritySettings(null, null, "extreme", null, null)))).getMessage())
                .contains("encryption_level").contains("maximum, standard");
    }

    @Test
    void create_withBadVpcConfig_returnsValidationError() {
        assertThat(rejected(with(set(8, new VpcConfig(java.util.List.of("vpc-1"), java.util.List.of("sg-1")))))
                .getMessage()).contains("subnet_ids");
    }

    @Test
    void create_overQuota_returnsQuotaExceeded() {
        // given three live deployments and one failed (quota 3)
        for (int i = 0; i < 3; i++) {
            service.create(CLIENT, request(HUATUO));
        }
        store.put(TestDeployments.deployment("dep_failed", DeploymentStatus.FAILED));
        // when
        ServiceException e = rejected(request(HUATUO));
        // then
        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(e.getMessage()).contains("3");
        assertThat(service.create(OTHER_CLIENT, request(HUATUO))).isNotNull();
    }

    @Test
    void get_foreignOrUnknownDeployment_returnsResourceNotFound() {
        Deployment created = service.create(CLIENT, request(HUATUO));

        assertThat(service.get(CLIENT, created.id())).isEqualTo(created);
        assertThatThrownBy(() -> service.get(OTHER_CLIENT, created.id()))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("No deployment " + created.id() + " for this client");
                });
    }
}
