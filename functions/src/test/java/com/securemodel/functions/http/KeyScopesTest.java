package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.tenant.ApiKeyRecord;
import com.securemodel.core.tenant.Scope;
import com.securemodel.functions.http.routing.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Key scopes over the HTTP function (real core services, in-memory ports): every route has one, a key outside its
 * scopes gets 403 {@code permission_denied} in its dialect's error shape, and the keys API (PaiTIENT dialect, admin
 * scope) lists, creates and revokes the caller's client's keys only.
 */
class KeyScopesTest {

    private final HttpApiHarness harness = new HttpApiHarness();
    private final String deployment = harness.runningDeployment("d", HttpApiHarness.CLIENT, HttpApiHarness.KEY);

    @Test
    void everyRouteOfTheRouter_needsAScope_exceptThePublicOnes() {
        Map<String, Scope> scopes = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (Route route : harness.router.routes()) {
            if (route.authenticated() && route.scope() == null || !route.authenticated() && route.scope() != null) {
                missing.add(route.toString());
            }
            if (route.scope() != null) {
                scopes.put(route.toString(), route.scope());
            }
        }

        assertThat(missing).isEmpty();
        assertThat(scopes).containsEntry("POST /v1/deployments/{deployment_id}/generate", Scope.GENERATE)
                .containsEntry("POST /v1/chat/completions", Scope.GENERATE)
                .containsEntry("POST /openai/deployments/{model}/completions", Scope.GENERATE)
                .containsEntry("POST /queue/chat/completions", Scope.GENERATE)
                .containsEntry("POST /utils/token_counter", Scope.GENERATE)
                .containsEntry("POST /model/run", Scope.GENERATE)
                .containsEntry("POST /v1/batches", Scope.GENERATE)
                .containsEntry("POST /model/status", Scope.READ)
                .containsEntry("GET /queue/chat/completions/{request_id}", Scope.READ)
                .containsEntry("GET /v1/deployments", Scope.READ)
                .containsEntry("POST /v1/deployments", Scope.WRITE)
                .containsEntry("POST /model/load", Scope.WRITE)
                .containsEntry("GET /v1/keys", Scope.ADMIN)
                .containsEntry("POST /v1/keys", Scope.ADMIN)
                .containsEntry("DELETE /v1/keys/{key_id}", Scope.ADMIN);
        assertThat(harness.router.routes()).filteredOn(r -> r.method().equals("POST")
                && r.path().toString().endsWith("/completions")).allSatisfy(r ->
                assertThat(r.scope()).as(r.toString()).isEqualTo(Scope.GENERATE));
    }

    @Test
    void readOnlyKey_onOpenAiChat_is403InOpenAisShape_andReadsStillWork() {
        String reader = createKey("read").path("key").asText();

        APIGatewayV2HTTPResponse chat = call("POST", "/v1/chat/completions", bearer(reader), "{\"model\": \""
                + deployment + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2}");

        assertThat(chat.getStatusCode()).isEqualTo(403);
        JsonNode error = harness.body(chat).path("error");
        assertThat(error.path("code").asText()).isEqualTo("permission_denied");
        assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asText()).contains("'generate'", "POST /v1/chat/completions");
        assertThat(harness.invoker.calls()).isEmpty();
        assertThat(call("GET", "/v1/models", bearer(reader), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void readOnlyKey_onBytezRun_is403InBytezShape_butStatusIsARead() {
        String reader = createKey("read").path("key").asText();
        List<Map.Entry<String, String>> bytez = List.of(Map.entry("Authorization", "Key " + reader));

        APIGatewayV2HTTPResponse run = call("POST", "/model/run", bytez, "{\"model\": \"" + CallFactory.TINY_MODEL
                + "\", \"text\": \"hi\"}");
        APIGatewayV2HTTPResponse load = call("POST", "/model/load", bytez, "{\"model\": \"" + CallFactory.TINY_MODEL
                + "\"}");
        APIGatewayV2HTTPResponse status = call("POST", "/model/status", bytez, "{\"model\": \""
                + CallFactory.TINY_MODEL + "\"}");

        assertThat(run.getStatusCode()).isEqualTo(403);
        assertThat(harness.body(run).path("error").asText()).contains("'generate'", "POST /model/run");
        assertThat(harness.body(run).size()).isEqualTo(1);
        assertThat(load.getStatusCode()).isEqualTo(403);
        assertThat(harness.body(load).path("error").asText()).contains("'write'");
        assertThat(status.getStatusCode()).isNotEqualTo(403);
    }

    @Test
    void generateKey_cannotCreateDeployments_norManageKeys_inPaitientsShape() {
        String generator = createKey("generate").path("key").asText();
        List<Map.Entry<String, String>> paitient = paitient(generator);

        APIGatewayV2HTTPResponse create = call("POST", "/v1/deployments", paitient,
                "{\"model_name\": \"" + CallFactory.TINY_MODEL + "\"}");
        APIGatewayV2HTTPResponse keys = call("GET", "/v1/keys", paitient, null);
        APIGatewayV2HTTPResponse generate = call("POST", "/v1/deployments/" + deployment + "/generate", paitient,
                "{\"prompt\": \"hi\", \"max_tokens\": 2}");

        assertThat(create.getStatusCode()).isEqualTo(403);
        JsonNode error = harness.body(create).path("error");
        assertThat(error.path("code").asText()).isEqualTo("permission_denied");
        assertThat(error.path("message").asText()).contains("'write'", "POST /v1/deployments");
        assertThat(error.path("request_id").asText()).isNotBlank();
        assertThat(harness.body(keys).path("error").path("message").asText()).contains("'admin'");
        assertThat(generate.getStatusCode()).isEqualTo(200);
    }

    @Test
    void keysApi_createsListsAndRevokes_neverShowingASecretAgain() {
        JsonNode created = createKey("read", "generate");
        String secret = created.path("key").asText();

        APIGatewayV2HTTPResponse list = call("GET", "/v1/keys", paitient(HttpApiHarness.KEY), null);

        assertThat(created.path("scopes")).extracting(JsonNode::asText).containsExactly("read", "generate");
        assertThat(created.path("name").asText()).isEqualTo("ci");
        assertThat(secret).startsWith("sk-").endsWith(created.path("last4").asText());
        assertThat(list.getStatusCode()).isEqualTo(200);
        assertThat(list.getBody()).doesNotContain(secret).doesNotContain("sha256").doesNotContain(HttpApiHarness.KEY);
        JsonNode keys = harness.body(list).path("keys");
        assertThat(keys).extracting(k -> k.path("id").asText()).contains("dev", created.path("id").asText());
        assertThat(keys).filteredOn(k -> k.path("id").asText().equals("dev")).singleElement().satisfies(dev ->
                assertThat(dev.path("scopes")).extracting(JsonNode::asText)
                        .containsExactly("read", "write", "generate", "admin"));
        assertThat(call("GET", "/v1/models", bearer(secret), null).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse revoked = call("DELETE", "/v1/keys/" + created.path("id").asText(),
                paitient(HttpApiHarness.KEY), null);

        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(harness.body(revoked).path("revoked").asBoolean()).isTrue();
        assertThat(call("GET", "/v1/models", bearer(secret), null).getStatusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/v1/keys/" + created.path("id").asText(), paitient(HttpApiHarness.KEY), null)
                .getStatusCode()).isEqualTo(404);
    }

    @Test
    void keysApi_refusesBadBodies_andTheLastAdminKey_sayingWhatToFix() {
        APIGatewayV2HTTPResponse noScopes = call("POST", "/v1/keys", paitient(HttpApiHarness.KEY), "{\"name\": \"x\"}");
        APIGatewayV2HTTPResponse unknown = call("POST", "/v1/keys", paitient(HttpApiHarness.KEY),
                "{\"scopes\": [\"delete\"]}");
        APIGatewayV2HTTPResponse last = call("DELETE", "/v1/keys/dev", paitient(HttpApiHarness.KEY), null);

        assertThat(noScopes.getStatusCode()).isEqualTo(400);
        assertThat(harness.body(noScopes).path("error").path("message").asText()).contains("scopes");
        assertThat(harness.body(unknown).path("error").path("message").asText()).contains("'delete'", "'read'");
        assertThat(last.getStatusCode()).isEqualTo(400);
        assertThat(harness.body(last).path("error").path("message").asText()).contains("last admin key");

        String admin = createKey("admin").path("key").asText();
        assertThat(call("DELETE", "/v1/keys/dev", paitient(admin), null).getStatusCode()).isEqualTo(200);
        assertThat(call("GET", "/v1/models", bearer(HttpApiHarness.KEY), null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void keysOfAnotherClient_cannotBeListedNorRevoked() {
        String ownerKeyId = createKey("read").path("id").asText();
        List<Map.Entry<String, String>> other = List.of(Map.entry("Authorization", "Bearer " + harness.otherKey),
                Map.entry("X-Client-ID", HttpApiHarness.OTHER_CLIENT));

        APIGatewayV2HTTPResponse list = call("GET", "/v1/keys", other, null);
        APIGatewayV2HTTPResponse revoke = call("DELETE", "/v1/keys/" + ownerKeyId, other, null);
        APIGatewayV2HTTPResponse revokeDev = call("DELETE", "/v1/keys/dev", other, null);

        assertThat(harness.body(list).path("keys")).extracting(k -> k.path("id").asText())
                .doesNotContain(ownerKeyId, "dev").hasSize(1);
        assertThat(revoke.getStatusCode()).isEqualTo(404);
        assertThat(revokeDev.getStatusCode()).isEqualTo(404);
        assertThat(harness.keyStore.all()).extracting(ApiKeyRecord::keyId).contains(ownerKeyId, "dev");
    }

    private JsonNode createKey(String... scopes) {
        String body = "{\"name\": \"ci\", \"scopes\": [" + String.join(", ", List.of(scopes).stream()
                .map(s -> "\"" + s + "\"").toList()) + "]}";
        APIGatewayV2HTTPResponse response = call("POST", "/v1/keys", paitient(HttpApiHarness.KEY), body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return harness.body(response);
    }

    private static List<Map.Entry<String, String>> paitient(String key) {
        return List.of(Map.entry("Authorization", "Bearer " + key), Map.entry("X-Client-ID", HttpApiHarness.CLIENT));
    }

    private static List<Map.Entry<String, String>> bearer(String key) {
        return List.of(Map.entry("Authorization", "Bearer " + key));
    }

    private APIGatewayV2HTTPResponse call(String method, String path, List<Map.Entry<String, String>> headers,
                                          String body) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        if (body != null) {
            all.add(Map.entry("Content-Type", "application/json"));
        }
        return harness.call(new HttpCall(method, path, "", all, body).toEvent());
    }
}
