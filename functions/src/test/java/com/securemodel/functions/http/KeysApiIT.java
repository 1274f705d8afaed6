package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.fakes.MutableClock;
import com.securemodel.core.tenant.ApiKeyStore;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Key scopes and the keys API on the whole local service (DynamoDB Local behind the store): the official OpenAI
 * SDK with a read-only key gets {@link PermissionDeniedException}, Bytez's run a 403 in its shape, and a revoked key
 * stops at once in this instance and, in another instance with a short authorization cache, once its cache
 * period has passed (a clock the test moves: no waiting).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysApiIT extends LocalModeTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Authenticator authenticator;
    @Autowired
    ApiKeyStore keyStore;

    private String client;
    private ApiClient admin;

    @BeforeAll
    void clientWithAnAdminKey() {
        client = "ky-" + UUID.randomUUID().toString().substring(0, 8);
        admin = new ApiClient(baseUrl(), client, authenticator.issue(new ClientId(client)));
    }

    @Test
    void readOnlyKey_withTheOpenAiSdk_listsModels_butChatIsPermissionDenied() {
        String reader = create("[\"read\"]").path("key").asText();
        OpenAIClient openAi = OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1").apiKey(reader).maxRetries(0)
                .build();

        assertThat(openAi.models().list().data()).isNotNull();
        assertThatThrownBy(() -> openAi.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("securemodel/tiny-random-llama").addUserMessage("hi").maxCompletionTokens(2).build()))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.code()).hasValue("permission_denied");
                    assertThat(e.getMessage()).contains("'generate'");
                });
    }

    @Test
    void readOnlyKey_onBytezRun_is403InBytezShape() throws Exception {
        String reader = create("[\"read\"]").path("key").asText();

        HttpResponse<String> run = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/model/run")).header("Authorization", "Key " + reader)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"securemodel/tiny-random-llama\", \"text\": "
                        + "\"hi\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(run.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(run.body());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.path("error").asText()).contains("'generate'", "POST /model/run");
    }

    @Test
    void revokedKey_stopsAtOnceHere_andInAnotherInstanceOnceItsCachePeriodHasPassed() {
        JsonNode created = create("[\"read\", \"generate\"]");
        String key = created.path("key").asText();
        MutableClock clock = new MutableClock();
        Authenticator otherInstance = new Authenticator(keyStore, clock, Duration.ofSeconds(2));
        assertThat(otherInstance.authenticateKey("Bearer " + key, null, null)).isEqualTo(new ClientId(client));
        ApiClient user = new ApiClient(baseUrl(), client, key);
        assertThat(user.get("/v1/deployments").status()).isEqualTo(200);

        ApiClient.Answer revoked = admin.delete("/v1/keys/" + created.path("id").asText());

        assertThat(revoked.status()).as(revoked.json().toString()).isEqualTo(200);
        assertThat(user.get("/v1/deployments").status()).as("the instance that revoked it").isEqualTo(401);
        clock.advance(Duration.ofMillis(1_999));
        assertThat(otherInstance.authenticateKey("Bearer " + key, null, null)).as("another instance, cached")
                .isEqualTo(new ClientId(client));
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> otherInstance.authenticateKey("Bearer " + key, null, null))
                .isInstanceOf(ServiceException.class).hasMessageContaining("not valid");
        assertThat(admin.get("/v1/keys").json().path("keys")).extracting(k -> k.path("id").asText())
                .doesNotContain(created.path("id").asText());
    }

    @Test
    void anotherClientsAdminKey_cannotListNorRevokeThisClientsKeys() {
        String keyId = create("[\"read\"]").path("id").asText();
        String otherClient = client + "-b";
        ApiClient other = new ApiClient(baseUrl(), otherClient, authenticator.issue(new ClientId(otherClient)));

        ApiClient.Answer list = other.get("/v1/keys");
        ApiClient.Answer revoke = other.delete("/v1/keys/" + keyId);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("keys")).hasSize(1).extracting(k -> k.path("id").asText()).doesNotContain(keyId);
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(revoke.json().path("error").path("code").asText()).isEqualTo("resource_not_found");
        assertThat(admin.get("/v1/keys").json().path("keys")).extracting(k -> k.path("id").asText()).contains(keyId);
    }

    private JsonNode create(String scopes) {
        ApiClient.Answer answer = admin.post("/v1/keys", "{\"name\": \"it\", \"scopes\": " + scopes + "}");
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(201);
        return answer.json();
    }
}
