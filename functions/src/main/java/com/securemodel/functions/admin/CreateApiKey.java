package com.securemodel.functions.admin;

import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.tenant.Scope;
import com.securemodel.functions.aws.DynamoDbApiKeyStore;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Issues an API key for a client and prints it once (only its hash is stored):
 * {@code ./mvnw -q -pl functions exec:exec@create-api-key -Dclient=acme -Dscopes=read,generate} ({@code -Dscopes}
 * left out: every scope, {@code admin} included, so the client can manage its keys through the API). Reads the
 * same settings as the functions: {@code SECUREMODEL_TABLE_NAME} (default {@code securemodel}),
 * {@code SECUREMODEL_REGION} (default {@code us-east-1}) and, for the local cloud,
 * {@code SECUREMODEL_AWS_DYNAMODB_ENDPOINT} (for example {@code http://127.0.0.1:8000}, with any credentials).
 * AWS credentials come from the default chain.
 */
public final class CreateApiKey {

    private CreateApiKey() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || args[0].isBlank() || args[0].startsWith("${")) {
            System.err.println("usage: CreateApiKey <client-id> [scopes]   (./mvnw -q -pl functions "
                    + "exec:exec@create-api-key -Dclient=<client-id> [-Dscopes=read,write,generate,admin])");
            System.exit(2);
        }
        ClientId clientId;
        Set<Scope> scopes;
        try {
            clientId = new ClientId(args[0]);
            scopes = scopes(args.length > 1 ? args[1] : null);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> env = System.getenv();
        String table = env.getOrDefault("SECUREMODEL_TABLE_NAME", "securemodel");
        try (DynamoDbClient dynamoDb = client(env)) {
            Authenticator.IssuedKey issued = new Authenticator(new DynamoDbApiKeyStore(dynamoDb, table),
                    Clock.systemUTC()).issue(clientId, null, scopes);
            System.out.printf("Client %s, key id %s, scopes %s, API key (shown once, store it now): %s%n", clientId,
                    issued.key().keyId(), String.join(",", Scope.wireNames(scopes)), issued.apiKey());
        } catch (RuntimeException e) {
            System.err.println("Could not issue a key in table " + table + ": " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * @param arg the {@code -Dscopes} value: comma-separated scope names; absent, blank or unresolved by Maven
     *        ({@code ${scopes}}): every scope
     * @throws com.securemodel.core.error.ServiceException validation_error naming the valid scopes
     */
    static Set<Scope> scopes(String arg) {
        if (arg == null || arg.isBlank() || arg.startsWith("${")) {
            return Scope.all();
        }
        return Scope.parseAll(Arrays.asList(arg.split(",")));
    }

    /** A DynamoDB client for the table the functions use (the local cloud when its endpoint is set). */
    static DynamoDbClient client(Map<String, String> env) {
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
