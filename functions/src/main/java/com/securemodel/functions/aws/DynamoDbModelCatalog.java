package com.securemodel.functions.aws;

import com.securemodel.core.model.CatalogModel;
import com.securemodel.core.model.ModelBenchmark;
import com.securemodel.core.model.ModelCatalog;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The service-wide model catalog in the single table: {@code pk = MODEL_CATALOG}, {@code sk = MODEL#<model id>}.
 * Public model metadata, no tenant data, so it is not keyed by client. Small (one item per available model): a
 * listing is one query of one partition.
 */
public final class DynamoDbModelCatalog implements ModelCatalog {

    static final String PK = "MODEL_CATALOG";
    /** Benchmarks of models serving (built-in ones too): {@code pk = MODEL_BENCHMARKS}, {@code sk = MODEL#<id>}. */
    static final String BENCHMARKS = "MODEL_BENCHMARKS";
    private static final String SK_PREFIX = "MODEL#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbModelCatalog(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Optional<CatalogModel> find(String modelId) {
        return DynamoDbReads.item(dynamoDb, table, key(modelId), false, "read model catalog")
                .map(DynamoDbModelCatalog::read);
    }

    @Override
    public List<CatalogModel> list() {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PK))))
                    .items().stream().map(DynamoDbModelCatalog::read)
                    .sorted(Comparator.comparing(CatalogModel::id)).toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list model catalog", e);
        }
    }

    @Override
    public void add(CatalogModel m) {
        Map<String, AttributeValue> item = Attributes.builder().s("pk", PK).s("sk", SK_PREFIX + m.id())
                .s("type", "catalog_model").s("modelId", m.id()).s("task", m.task()).s("architecture", m.architecture())
                .n("parameters", m.parameters()).s("dtype", m.dtype()).n("contextLength", m.contextLength())
                .n("layers", m.layers()).n("kvHeads", m.kvHeads()).n("headDim", m.headDim())
                .n("requiredRamGb", m.requiredRamGb()).bool("benchmarked", m.benchmarked())
                .instant("addedAt", m.addedAt()).build();
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("write model catalog", e);
        }
    }

    @Override
    public Optional<ModelBenchmark> benchmark(String modelId) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(BENCHMARKS),
                "sk", AttributeValue.fromS(SK_PREFIX + modelId));
        return DynamoDbReads.item(dynamoDb, table, key, false, "read model benchmark")
                .map(DynamoDbModelCatalog::readBenchmark);
    }

    @Override
    public Map<String, ModelBenchmark> benchmarks() {
        try {
            Map<String, ModelBenchmark> all = new java.util.LinkedHashMap<>();
            dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(BENCHMARKS))))
                    .items().forEach(item -> all.put(item.get("modelId").s(), readBenchmark(item)));
            return all;
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list model benchmarks", e);
        }
    }

    /** A conditional put: the first measurement stays. */
    @Override
    public void recordBenchmark(ModelBenchmark b) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of(
                "pk", AttributeValue.fromS(BENCHMARKS), "sk", AttributeValue.fromS(SK_PREFIX + b.modelId()),
                "type", AttributeValue.fromS("model_benchmark"), "modelId", AttributeValue.fromS(b.modelId()),
                "tokensPerSecond", AttributeValue.fromN(Double.toString(b.tokensPerSecond())),
                "gpuMemoryGib", AttributeValue.fromN(Double.toString(b.gpuMemoryGib())),
                "measuredAt", AttributeValue.fromS(b.measuredAt().toString())));
        if (b.instanceType() != null) {
            item.put("instanceType", AttributeValue.fromS(b.instanceType()));
        }
        if (b.precision() != null) {
            item.put("precision", AttributeValue.fromS(b.precision()));
        }
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException alreadyMeasured) {
            // another instance measured it first: that measurement stays
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("record model benchmark", e);
        }
    }

    private static ModelBenchmark readBenchmark(Map<String, AttributeValue> item) {
        return new ModelBenchmark(item.get("modelId").s(),
                item.containsKey("instanceType") ? item.get("instanceType").s() : null,
                item.containsKey("precision") ? item.get("precision").s() : null,
                Double.parseDouble(item.get("tokensPerSecond").n()), Double.parseDouble(item.get("gpuMemoryGib").n()),
                java.time.Instant.parse(item.get("measuredAt").s()));
    }

    private static Map<String, AttributeValue> key(String modelId) {
        return Map.of("pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(SK_PREFIX + modelId));
    }

    private static CatalogModel read(Map<String, AttributeValue> item) {
        return new CatalogModel(Attributes.s(item, "modelId"), Attributes.s(item, "task"),
                Attributes.s(item, "architecture"), Attributes.n(item, "parameters"), Attributes.s(item, "dtype"),
                Attributes.i(item, "contextLength"), Attributes.i(item, "layers"), Attributes.i(item, "kvHeads"),
                Attributes.i(item, "headDim"), Attributes.d(item, "requiredRamGb"),
                Boolean.TRUE.equals(Attributes.bool(item, "benchmarked")), Attributes.instant(item, "addedAt"));
    }
}
