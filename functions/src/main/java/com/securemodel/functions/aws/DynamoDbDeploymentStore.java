package com.securemodel.functions.aws;

import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.deployment.DeploymentStore;
import com.securemodel.core.error.ConcurrentUpdateException;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Deployments in the single table: {@code pk = CLIENT#<clientId>}, {@code sk = DEPLOYMENT#<id>}. Creates are
 * conditional on {@code attribute_not_exists(pk)}, updates on the version read ({@code #version = :expected}),
 * so a lost race becomes a {@link ConcurrentUpdateException}.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html">Condition expressions</a>
 */
public final class DynamoDbDeploymentStore implements DeploymentStore {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeploymentStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public Deployment create(Deployment deployment) {
        Deployment stored = deployment.version() == 1 ? deployment : withVersion(deployment, 1);
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(DeploymentItems.toItem(stored))
                    .conditionExpression("attribute_not_exists(pk)").build());
            return stored;
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Deployment " + deployment.id() + " already exists", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("create deployment", e);
        }
    }

    @Override
    public Optional<Deployment> find(ClientId clientId, String deploymentId) {
        return DynamoDbReads.item(dynamoDb, table, DeploymentItems.key(clientId, deploymentId), true,
                "read deployment").map(DeploymentItems::fromItem);
    }

    @Override
    public List<Deployment> list(ClientId clientId) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                        ":prefix", AttributeValue.fromS(DeploymentItems.SK_PREFIX)))
                .build();
        try {
            return dynamoDb.queryPaginator(query).items().stream().map(DeploymentItems::fromItem)
                    .sorted(Comparator.comparing(Deployment::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(Deployment::id, Comparator.reverseOrder()))
                    .toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list deployments", e);
        }
    }

    @Override
    public Deployment update(Deployment deployment) {
        Deployment next = deployment.nextVersion();
        try {
            dynamoDb.putItem(PutItemRequest.builder().tableName(table).item(DeploymentItems.toItem(next))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected",
                            AttributeValue.fromN(Long.toString(deployment.version()))))
                    .build());
            return next;
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentUpdateException("Deployment " + deployment.id() + " changed since version "
                    + deployment.version() + " was read", e);
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("update deployment", e);
        }
    }

    private static Deployment withVersion(Deployment d, long version) {
        return new Deployment(d.clientId(), d.id(), d.modelName(), d.deploymentName(), d.computeType(),
                d.instanceType(), d.minReplicas(), d.maxReplicas(), d.currentReplicas(), d.autoScaling(), d.region(),
                d.vpcConfig(), d.tags(), d.modelConfig(), d.securitySettings(), d.hosting(), d.status(),
                d.statusReason(), d.createdAt(), d.updatedAt(), version);
    }
}
