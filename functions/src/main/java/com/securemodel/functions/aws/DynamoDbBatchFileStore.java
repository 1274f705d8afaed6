package com.securemodel.functions.aws;

import static com.securemodel.functions.aws.internal.Attributes.instant;
import static com.securemodel.functions.aws.internal.Attributes.n;
import static com.securemodel.functions.aws.internal.Attributes.s;

import com.securemodel.core.batch.BatchFile;
import com.securemodel.core.batch.BatchFileStore;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.internal.Attributes;
import com.securemodel.functions.aws.internal.DeploymentItems;
import com.securemodel.functions.aws.internal.DynamoDbErrors;
import com.securemodel.functions.aws.internal.DynamoDbReads;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Files API items: {@code pk = CLIENT#<clientId>}, {@code sk = FILE#<file id>}, the object's key in the service
 * bucket, size, name and purpose. See {@code docs/data-model.md}.
 */
public final class DynamoDbBatchFileStore implements BatchFileStore {

    private static final String SK_PREFIX = "FILE#";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbBatchFileStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void put(BatchFile file) {
        Map<String, AttributeValue> item = new HashMap<>(key(file.clientId(), file.id()));
        item.putAll(Attributes.builder().s("type", "file").s("clientId", file.clientId().value()).s("id", file.id())
                .s("filename", file.filename()).n("bytes", file.bytes()).s("purpose", file.purpose())
                .s("blobKey", file.blobKey()).instant("createdAt", file.createdAt()).build());
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("write file", e);
        }
    }

    @Override
    public Optional<BatchFile> find(ClientId clientId, String id) {
        return DynamoDbReads.item(dynamoDb, table, key(clientId, id), true, "read file")
                .map(DynamoDbBatchFileStore::fromItem);
    }

    @Override
    public List<BatchFile> list(ClientId clientId) {
        List<BatchFile> all = new ArrayList<>();
        try {
            dynamoDb.queryPaginator(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :sk)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                            ":sk", AttributeValue.fromS(SK_PREFIX))))
                    .items().forEach(item -> all.add(fromItem(item)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("list files", e);
        }
        all.sort(Comparator.comparing(BatchFile::createdAt).reversed());
        return all;
    }

    @Override
    public void delete(ClientId clientId, String id) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(clientId, id)));
        } catch (SdkException e) {
            throw DynamoDbErrors.unavailable("delete file", e);
        }
    }

    private static Map<String, AttributeValue> key(ClientId clientId, String id) {
        return Map.of("pk", AttributeValue.fromS(DeploymentItems.pk(clientId)),
                "sk", AttributeValue.fromS(SK_PREFIX + id));
    }

    private static BatchFile fromItem(Map<String, AttributeValue> item) {
        return new BatchFile(new ClientId(s(item, "clientId")), s(item, "id"), s(item, "filename"),
                n(item, "bytes"), s(item, "purpose"), s(item, "blobKey"), instant(item, "createdAt"));
    }
}
