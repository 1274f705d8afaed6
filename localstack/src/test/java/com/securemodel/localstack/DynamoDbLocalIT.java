package com.securemodel.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

@ExtendWith(LocalCloudExtension.class)
class DynamoDbLocalIT {

    private final DynamoDbClient dynamo;
    private String table;

    DynamoDbLocalIT(LocalCloud cloud) {
        this.dynamo = AwsClients.dynamoDb(cloud);
    }

    @BeforeEach
    void createTable() {
        table = "items-" + UUID.randomUUID();
        dynamo.createTable(t -> t.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("pk"), attribute("sk"))
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Test
    void createTable_onLocalCloud_isActive() {
        // when
        var description = dynamo.describeTable(d -> d.tableName(table)).table();

        // then
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("pk", "sk");
    }

    @Test
    void putItem_whenItemExists_failsConditionalCheck() {
        // given
        dynamo.putItem(ifAbsent(item("client-1#deployment-1", "meta", "creating")));

        // when / then
        assertThatThrownBy(() -> dynamo.putItem(ifAbsent(item("client-1#deployment-1", "meta", "running"))))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(dynamo.getItem(g -> g.tableName(table).key(key("client-1#deployment-1", "meta"))).item())
                .containsEntry("status", s("creating"));
    }

    @Test
    void query_byPartitionKey_returnsOnlyThatPartitionsItemsInSortOrder() {
        // given
        dynamo.putItem(p -> p.tableName(table).item(item("client-1", "b", "running")));
        dynamo.putItem(p -> p.tableName(table).item(item("client-1", "a", "creating")));
        dynamo.putItem(p -> p.tableName(table).item(item("client-2", "a", "failed")));

        // when
        QueryResponse response = dynamo.query(q -> q.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("client-1"))));

        // then
        assertThat(response.items()).extracting(item -> item.get("sk").s()).containsExactly("a", "b");
    }

    private PutItemRequest ifAbsent(Map<String, AttributeValue> item) {
        return PutItemRequest.builder()
                .tableName(table)
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build();
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String status) {
        return Map.of("pk", s(pk), "sk", s(sk), "status", s(status));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
