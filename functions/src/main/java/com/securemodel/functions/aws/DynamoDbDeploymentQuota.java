package com.securemodel.functions.aws;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.limits.DeploymentQuota;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Deployment slots and their counter, under the client's partition: the counter {@code sk = QUOTA#DEPLOYMENTS}
 * ({@code deployments}, {@code gpuInstances}) and one slot per live deployment {@code sk = QUOTA#SLOT#<deploymentId>}
 * ({@code gpuInstances}, {@code createdAt}). Every change is one {@code TransactWriteItems} of the slot and the
 * counter: taking a slot puts it ({@code attribute_not_exists}) and adds to the counter under the condition that
 * both limits hold; giving it back deletes it (it must still hold what it held) and subtracts the same. So the
 * counter is always the sum of the slots, concurrent creates on any number of instances never pass the limits, and a
 * slot is given back at most once. Transactions that lose a race ({@code TransactionConflict}) are tried again.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html">DynamoDB
 *     transactions</a>
 */
public final class DynamoDbDeploymentQuota implements DeploymentQuota {

    static final String COUNTER = "QUOTA#DEPLOYMENTS";
    static final String SLOT_PREFIX = "QUOTA#SLOT#";
    private static final int ATTEMPTS = 30;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbDeploymentQuota(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public boolean reserve(ClientId clientId, String deploymentId, int gpuInstances, int maxDeployments,
                           int maxGpuInstances, Instant at) {
        if (gpuInstances > maxGpuInstances || maxDeployments < 1) {
            return false;
        }
        Map<String, AttributeValue> slot = new java.util.HashMap<>(key(clientId, SLOT_PREFIX + deploymentId));
        slot.put("type", AttributeValue.fromS("quota_slot"));
        slot.put("deploymentId", AttributeValue.fromS(deploymentId));
        slot.put("gpuInstances", number(gpuInstances));
        slot.put("createdAt", AttributeValue.fromS(at.toString()));
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(slot)
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(clientId, COUNTER))
                        .updateExpression("SET #type = :type ADD deployments :one, gpuInstances :gpus")
                        .conditionExpression("(attribute_not_exists(deployments) OR deployments <= :deploymentRoom)"
                                + " AND (attribute_not_exists(gpuInstances) OR gpuInstances <= :gpuRoom)")
                        .expressionAttributeNames(Map.of("#type", "type"))
                        .expressionAttributeValues(Map.of(":type", AttributeValue.fromS("quota_counter"),
                                ":one", number(1), ":gpus", number(gpuInstances),
                                ":deploymentRoom", number(maxDeployments - 1L),
                                ":gpuRoom", number((long) maxGpuInstances - gpuInstances)))).build());
        Outcome outcome = transact(items, "take a deployment slot");
        if (outcome == Outcome.WRITTEN) {
            return true;
        }
        return outcome.failed(0) && slot(clientId, deploymentId).isPresent();
    }

    @Override
    public boolean resize(ClientId clientId, String deploymentId, int gpuInstances, int maxGpuInstances) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Slot held = slot(clientId, deploymentId).orElse(null);
            if (held == null) {
                return false;
            }
            long delta = (long) gpuInstances - held.gpuInstances();
            if (delta == 0) {
                return true;
            }
            Map<String, AttributeValue> counterValues = new java.util.HashMap<>(Map.of(":delta", number(delta)));
            String counterCondition = null;
            if (delta > 0) {
                counterValues.put(":gpuRoom", number(maxGpuInstances - delta));
                counterCondition = "gpuInstances <= :gpuRoom";
            }
            String condition = counterCondition;
            List<TransactWriteItem> items = List.of(
                    TransactWriteItem.builder().update(u -> u.tableName(table)
                            .key(key(clientId, SLOT_PREFIX + deploymentId))
                            .updateExpression("SET gpuInstances = :new")
                            .conditionExpression("gpuInstances = :old")
                            .expressionAttributeValues(Map.of(":new", number(gpuInstances),
                                    ":old", number(held.gpuInstances())))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key(clientId, COUNTER))
                            .updateExpression("ADD gpuInstances :delta").conditionExpression(condition)
                            .expressionAttributeValues(counterValues)).build());
            Outcome outcome = transact(items, "resize a deployment slot");
            if (outcome == Outcome.WRITTEN) {
                return true;
            }
            if (outcome.failed(1)) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void release(ClientId clientId, String deploymentId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Slot held = slot(clientId, deploymentId).orElse(null);
            if (held == null) {
                return;
            }
            List<TransactWriteItem> items = List.of(
                    TransactWriteItem.builder().delete(d -> d.tableName(table)
                            .key(key(clientId, SLOT_PREFIX + deploymentId))
                            .conditionExpression("gpuInstances = :held")
                            .expressionAttributeValues(Map.of(":held", number(held.gpuInstances())))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(key(clientId, COUNTER))
                            .updateExpression("ADD deployments :minusOne, gpuInstances :minusGpus")
                            .expressionAttributeValues(Map.of(":minusOne", number(-1),
                                    ":minusGpus", number(-held.gpuInstances())))).build());
            if (transact(items, "give a deployment slot back") == Outcome.WRITTEN) {
                return;
            }
        }
        throw new ServiceException(com.securemodel.core.error.ErrorCode.SERVICE_UNAVAILABLE,
                "A deployment slot could not be given back after repeated conflicts; retry shortly");
    }

    @Override
    public Usage usage(ClientId clientId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, COUNTER), true, "read the deployment quota")
                .map(item -> new Usage(n(item, "deployments"), n(item, "gpuInstances"))).orElse(Usage.NONE);
    }

    @Override
    public List<Slot> slots(ClientId clientId) {
        try {
            return dynamoDb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                                    ":prefix", AttributeValue.fromS(SLOT_PREFIX))))
                    .items().stream().map(DynamoDbDeploymentQuota::slot).toList();
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list deployment slots", e);
        }
    }

    private Optional<Slot> slot(ClientId clientId, String deploymentId) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, SLOT_PREFIX + deploymentId), true,
                "read a deployment slot").map(DynamoDbDeploymentQuota::slot);
    }

    private static Slot slot(Map<String, AttributeValue> item) {
        return new Slot(item.get("deploymentId").s(), (int) n(item, "gpuInstances"),
                Instant.parse(item.get("createdAt").s()));
    }

    /** How a transaction ended: written, or refused with the index of each item whose condition failed. */
    private record Outcome(boolean written, List<Integer> conditionFailed) {
        static final Outcome WRITTEN = new Outcome(true, List.of());

        boolean failed(int index) {
            return conditionFailed.contains(index);
        }
    }

    /** Runs the transaction, again after a conflict with another one (with a short random pause). */
    private Outcome transact(List<TransactWriteItem> items, String what) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items));
                return Outcome.WRITTEN;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.hasCancellationReasons()
                        ? cancelled.cancellationReasons() : List.of();
                List<Integer> failed = new java.util.ArrayList<>();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        failed.add(i);
                    }
                }
                if (!failed.isEmpty()) {
                    return new Outcome(false, failed);
                }
                if (attempt + 1 >= ATTEMPTS) {
                    throw new ServiceException(com.securemodel.core.error.ErrorCode.SERVICE_UNAVAILABLE,
                            "The service's storage is busy (" + what + "); retry shortly", cancelled);
                }
                pause(attempt);
            } catch (SdkException e) {
                throw DynamoDbErrors.unavailable(what, e);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << Math.min(attempt, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(com.securemodel.core.error.ErrorCode.SERVICE_UNAVAILABLE,
                    "Interrupted while taking a deployment slot; retry shortly");
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String sk) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)), "sk", AttributeValue.fromS(sk));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
