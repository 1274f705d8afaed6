package com.securemodel.functions.aws.internal;

import static com.securemodel.functions.aws.internal.Attributes.bool;
import static com.securemodel.functions.aws.internal.Attributes.d;
import static com.securemodel.functions.aws.internal.Attributes.i;
import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.map;
import static com.securemodel.functions.aws.internal.Attributes.n;
import static com.securemodel.functions.aws.internal.Attributes.s;
import static com.securemodel.functions.aws.internal.Attributes.stringMap;
import static com.securemodel.functions.aws.internal.Attributes.strings;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.deployment.HostingPlan;
import com.securemodel.core.deployment.ModelConfig;
import com.securemodel.core.deployment.PriorHosting;
import com.securemodel.core.deployment.SecuritySettings;
import com.securemodel.core.deployment.VpcConfig;
import com.securemodel.core.tenant.ClientId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A deployment as one DynamoDB item (see {@code docs/data-model.md}): keys {@code pk = CLIENT#<clientId>},
 * {@code sk = DEPLOYMENT#<id>}, plain attributes, nested maps for tags, VPC, model config, security settings and
 * the hosting plan.
 */
public final class DeploymentItems {

    public static final String TYPE = "deployment";
    public static final String SK_PREFIX = "DEPLOYMENT#";
    /** A deleted deployment stays readable this long (90 days), then the table's TTL removes it. */
    public static final long DELETED_RETENTION_SECONDS = 90L * 24 * 3600;

    private DeploymentItems() {
    }

    public static String pk(ClientId clientId) {
        return "CLIENT#" + clientId.value();
    }

    public static String sk(String deploymentId) {
        return SK_PREFIX + deploymentId;
    }

    public static Map<String, AttributeValue> key(ClientId clientId, String deploymentId) {
        return Map.of("pk", AttributeValue.fromS(pk(clientId)), "sk", AttributeValue.fromS(sk(deploymentId)));
    }

    public static Map<String, AttributeValue> toItem(Deployment d) {
        return Attributes.builder()
                .s("pk", pk(d.clientId())).s("sk", sk(d.id())).s("type", TYPE)
                .s("clientId", d.clientId().value()).s("id", d.id())
                .s("modelName", d.modelName()).s("deploymentName", d.deploymentName())
                .s("computeType", d.computeType()).s("instanceType", d.instanceType())
                .n("minReplicas", d.minReplicas()).n("maxReplicas", d.maxReplicas())
                .n("currentReplicas", d.currentReplicas()).bool("autoScaling", d.autoScaling())
                .s("region", d.region())
                .map("vpcConfig", d.vpcConfig() == null ? null : Attributes.builder()
                        .strings("subnetIds", d.vpcConfig().subnetIds())
                        .strings("securityGroupIds", d.vpcConfig().securityGroupIds()).build())
                .stringMap("tags", d.tags())
                .map("modelConfig", modelConfig(d.modelConfig()))
                .map("securitySettings", securitySettings(d.securitySettings()))
                .map("hosting", hosting(d.hosting()))
                .s("status", d.status() == null ? null : d.status().wire()).s("statusReason", d.statusReason())
                .instant("createdAt", d.createdAt()).instant("updatedAt", d.updatedAt())
                .n("version", d.version())
                .n("ttl", d.status() == DeploymentStatus.DELETED && d.updatedAt() != null
                        ? d.updatedAt().getEpochSecond() + DELETED_RETENTION_SECONDS : null)
                .build();
    }

    public static Deployment fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> vpc = map(item, "vpcConfig");
        return new Deployment(new ClientId(s(item, "clientId")), s(item, "id"), s(item, "modelName"),
                s(item, "deploymentName"), s(item, "computeType"), s(item, "instanceType"),
                orZero(i(item, "minReplicas")), orZero(i(item, "maxReplicas")), orZero(i(item, "currentReplicas")),
                Boolean.TRUE.equals(bool(item, "autoScaling")), s(item, "region"),
                vpc == null ? null : new VpcConfig(strings(vpc, "subnetIds"), strings(vpc, "securityGroupIds")),
                stringMap(item, "tags"), modelConfig(map(item, "modelConfig")),
                securitySettings(map(item, "securitySettings")), hosting(map(item, "hosting")),
                DeploymentStatus.fromWire(s(item, "status")), s(item, "statusReason"),
                instant(item, "createdAt"), instant(item, "updatedAt"), n(item, "version"));
    }

    private static Map<String, AttributeValue> modelConfig(ModelConfig c) {
        return Attributes.builder().n("contextLength", c.contextLength()).n("maxOutputTokens", c.maxOutputTokens())
                .n("defaultTemperature", c.defaultTemperature()).n("defaultTopP", c.defaultTopP())
                .s("quantization", c.quantization()).build();
    }

    private static ModelConfig modelConfig(Map<String, AttributeValue> m) {
        return m == null ? null : new ModelConfig(i(m, "contextLength"), i(m, "maxOutputTokens"),
                d(m, "defaultTemperature"), d(m, "defaultTopP"), s(m, "quantization"));
    }

    private static Map<String, AttributeValue> securitySettings(SecuritySettings s) {
        return Attributes.builder().bool("networkIsolation", s.networkIsolation())
                .bool("privateEndpoints", s.privateEndpoints()).s("encryptionLevel", s.encryptionLevel())
                .bool("auditLogging", s.auditLogging()).s("complianceMode", s.complianceMode()).build();
    }

    private static SecuritySettings securitySettings(Map<String, AttributeValue> m) {
        return m == null ? null : new SecuritySettings(bool(m, "networkIsolation"), bool(m, "privateEndpoints"),
                s(m, "encryptionLevel"), bool(m, "auditLogging"), s(m, "complianceMode"));
    }

    private static Map<String, AttributeValue> hosting(HostingPlan h) {
        return h == null ? null : Attributes.builder().s("precision", h.precision())
                .n("tensorParallelDegree", h.tensorParallelDegree())
                .n("estimatedGpuMemoryGib", h.estimatedGpuMemoryGib()).s("endpointName", h.endpointName())
                .n("revision", h.revision()).map("prior", prior(h.prior())).build();
    }

    private static HostingPlan hosting(Map<String, AttributeValue> m) {
        return m == null ? null : new HostingPlan(s(m, "precision"), orZero(i(m, "tensorParallelDegree")),
                d(m, "estimatedGpuMemoryGib") == null ? 0 : d(m, "estimatedGpuMemoryGib"), s(m, "endpointName"),
                orZero(i(m, "revision")), prior(map(m, "prior")));
    }

    private static Map<String, AttributeValue> prior(PriorHosting p) {
        return p == null ? null : Attributes.builder().s("instanceType", p.instanceType())
                .n("minReplicas", p.minReplicas()).n("maxReplicas", p.maxReplicas())
                .bool("autoScaling", p.autoScaling()).n("contextLength", p.contextLength())
                .s("quantization", p.quantization()).s("precision", p.precision())
                .n("tensorParallelDegree", p.tensorParallelDegree())
                .n("estimatedGpuMemoryGib", p.estimatedGpuMemoryGib()).build();
    }

    private static PriorHosting prior(Map<String, AttributeValue> m) {
        return m == null ? null : new PriorHosting(s(m, "instanceType"), orZero(i(m, "minReplicas")),
                orZero(i(m, "maxReplicas")), Boolean.TRUE.equals(bool(m, "autoScaling")), i(m, "contextLength"),
                s(m, "quantization"), s(m, "precision"), orZero(i(m, "tensorParallelDegree")),
                d(m, "estimatedGpuMemoryGib") == null ? 0 : d(m, "estimatedGpuMemoryGib"));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
