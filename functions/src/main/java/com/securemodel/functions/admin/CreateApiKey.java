package com.securemodel.functions.admin;

import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.aws.DynamoDbApiKeyStore;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Issues an API key for a client and prints it once (only its hash is stored):
 * {@code ./mvnw -q -pl functions exec:exec@create-api-key -Dclient=acme}. Reads the same settings as the
 * functions: {@code SECUREMODEL_TABLE_NAME} (default {@code securemodel}), {@code SECUREMODEL_REGION} (default
 * {@code us-east-1}) and, for the local cloud, {@code SECUREMODEL_AWS_DYNAMODB_ENDPOINT} (for example
 * {@code http://127.0.0.1:8000}, with any credentials). AWS credentials come from the default chain.
 */
public final class CreateApiKey {

    private CreateApiKey() {
    }

    public static void main(String[] args) {
        if (args.length != 1 || args[0].isBlank() || args[0].startsWith("${")) {
            System.err.println("usage: CreateApiKey <client-id>   "
                    + "(./mvnw -q -pl functions exec:exec@create-api-key -Dclient=<client-id>)");
            System.exit(2);
        }
        ClientId clientId;
        try {
            clientId = new ClientId(args[0]);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> env = System.getenv();
        String table = env.getOrDefault("SECUREMODEL_TABLE_NAME", "securemodel");
        try (DynamoDbClient dynamoDb = client(env)) {
            String key = new Authenticator(new DynamoDbApiKeyStore(dynamoDb, table), Clock.systemUTC())
                    .issue(clientId);
            System.out.printf("Client %s, API key (shown once, store it now): %s%n", clientId, key);
        } catch (RuntimeException e) {
            System.err.println("Could not issue a key in table " + table + ": " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static DynamoDbClient client(Map<String, String> env) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.getOrDefault("SECUREMODEL_REGION", "us-east-1")));
        String endpoint = env.get("SECUREMODEL_AWS_DYNAMODB_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
            if (env.get("AWS_ACCESS_KEY_ID") == null) {
                builder.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")));
            }
        }
        return builder.build();
    }
}
