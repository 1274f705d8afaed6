package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.tenant.ClientId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document (so every route) × another client's ids × header tricks (a mismatched
 * {@code X-Client-ID}, duplicate or oddly cased headers): the other client's answers hold none of the owner's ids,
 * and the owner's deployments, instances, queued requests and model calls are unchanged.
 */
class TenantMatrixTest {

    private final HttpApiHarness harness = new HttpApiHarness();
    private final ApiDocument document = ApiDocument.load();
    private final HarnessWorld world = HarnessWorld.of(harness);

    /** A way to dress the other client's call, and whether it must be refused outright (401). */
    private record Trick(String name, UnaryOperator<HttpCall> dress, boolean refused) {
    }

    private List<Trick> tricks() {
        String ownerClient = world.owner().clientId();
        String ownerKey = world.owner().key();
        String otherKey = world.other().key();
        return List.of(
                new Trick("another client's ids", call -> call, false),
                new Trick("X-Client-ID of the owner", call -> call.withHeader("X-Client-ID", ownerClient), true),
                new Trick("owner's key, other X-Client-ID", call -> swapKey(call, otherKey, ownerKey)
                        .withHeader("X-Client-ID", world.other().clientId()), true),
                new Trick("two X-Client-ID headers", call -> call.withHeader("X-Client-ID", world.other().clientId())
                        .addHeader("X-Client-ID", ownerClient), true),
                new Trick("two Authorization headers", call -> call.header("Authorization") == null ? call
                        : call.addHeader("Authorization", call.header("Authorization").replace(otherKey, ownerKey)),
                        true),
                new Trick("oddly cased names and scheme", call -> oddlyCased(call), false),
                new Trick("api-key of the owner beside the other's Authorization", call ->
                        call.header("Authorization") == null ? call : call.withHeader("api-key", ownerKey + "x"), false));
    }

    @Test
    void anIdIsShownAsAWholeToken_notInsideALongerId() {
        assertThat(shows("{\"keys\":[{\"id\":\"dev\"}]}", "dev")).isTrue();
        assertThat(shows("{\"url\":\"/v1/deployments/dep_1/logs\"}", "dep_1")).isTrue();
        assertThat(shows("deployment dep_1 was not found", "dep_1")).isTrue();
        assertThat(shows("{\"id\":\"key_devoknulvnpd\"}", "dev")).isFalse();
        assertThat(shows("{\"id\":\"dep_12\"}", "dep_1")).isFalse();
    }

    @Test
    void otherClient_readsAndChangesNothingOfTheOwner_onEveryRoute() {
        Set<String> ownerIds = ownerIds();
        String before = ownerView() + "\n" + harness.body(call(world.owner(), "GET", "/v1/keys", "paitient"));
        int ownerModelCalls = ownerModelCalls();
        CallFactory factory = new CallFactory(document);
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();

        for (Trick trick : tricks()) {
            for (CallFactory.Generated generated : factory.everyOperation(world.other(), world.ownerTargets(), "x")) {
                HttpCall call = trick.dress().apply(generated.call());
                APIGatewayV2HTTPResponse response = harness.call(call.toEvent());
                String what = trick.name() + ": " + call + " -> " + response.getStatusCode();
                covered.add(generated.operation().toString());
                String sent = call.path() + call.query() + call.body();
                ownerIds.stream().filter(id -> !sent.contains(id) && shows(response.getBody(), id)).forEach(id ->
                        problems.add(what + " shows the owner's " + id + ": " + response.getBody()));
                if (names(generated.operation()) && response.getStatusCode() < 300) {
                    problems.add(what + " acted on the owner's resource: " + response.getBody());
                }
                if (trick.refused() && !generated.operation().isPublic() && response.getStatusCode() != 401) {
                    problems.add(what + " was not refused: " + response.getBody());
                }
                problems.addAll(document.check(generated.operation(), response).stream()
                        .filter(p -> call.path().equals(generated.call().path())).toList());
            }
        }

        assertThat(problems).isEmpty();
        assertThat(covered).hasSize(document.operations().size());
        assertThat(ownerView() + "\n" + harness.body(call(world.owner(), "GET", "/v1/keys", "paitient")))
                .as("the owner's deployments, instances, queued request and keys").isEqualTo(before);
        assertThat(ownerModelCalls()).as("model calls on the owner's endpoints").isEqualTo(ownerModelCalls);
    }

    /** @return whether the operation names one of the owner's resources by id (in the path) */
    private static boolean names(ApiDocument.Operation operation) {
        return operation.pathParameters().stream().anyMatch(p -> p.equals("deployment_id") || p.equals("request_id")
                || p.equals("endpoint_id") || p.equals("key_id") || p.equals("webhook_id") || p.equals("event_id")
                || p.equals("model") && operation.path().contains("/deployments/"));
    }

    /**
     * @return whether {@code body} holds {@code id} as a whole token (not inside a longer id: the owner's key id
     *         {@code dev} is not shown by another client's random key id {@code key_devok...})
     */
    static boolean shows(String body, String id) {
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_-])" + java.util.regex.Pattern.quote(id)
                + "(?![A-Za-z0-9_-])").matcher(body).find();
    }

    /** @return the owner's ids, and the name and tag of a deployment only the owner knows */
    private Set<String> ownerIds() {
        HttpCall create = new HttpCall("POST", "/v1/deployments", "", CallFactory.credentials("paitient",
                world.owner(), false), "{\"model_name\": \"" + CallFactory.TINY_MODEL + "\", \"deployment_name\": "
                + "\"owner-only-7c1e\", \"tags\": {\"owner\": \"owner-tag-7c1e\"}}")
                .addHeader("Content-Type", "application/json");
        assertThat(harness.call(create.toEvent()).getStatusCode()).isEqualTo(201);
        harness.provision();
        Set<String> ids = new TreeSet<>(Set.of("owner-only-7c1e", "owner-tag-7c1e"));
        JsonNode page = harness.body(call(world.owner(), "GET", "/v1/deployments?limit=100", "paitient"));
        page.path("deployments").forEach(d -> ids.add(d.path("id").asText()));
        ids.add(world.ownerTargets().requestId());
        ids.addAll(Set.of(world.ownerTargets().endpointId(), world.ownerTargets().canaryId()));
        harness.body(call(world.owner(), "GET", "/v1/keys", "paitient")).path("keys")
                .forEach(k -> ids.add(k.path("id").asText()));
        ids.add(world.ownerTargets().webhookId());
        ids.add(world.ownerTargets().eventId());
        assertThat(ids).hasSizeGreaterThanOrEqualTo(6);
        return ids;
    }

    private String ownerView() {
        return harness.body(call(world.owner(), "GET", "/v1/deployments?limit=100", "paitient")) + "\n"
                + harness.body(call(world.owner(), "GET", "/v1/webhooks", "paitient")) + "\n"
                + harness.body(call(world.owner(), "GET", "/v1/webhooks/" + world.ownerTargets().webhookId()
                + "/deliveries", "paitient")) + "\n"
                + harness.body(call(world.owner(), "GET", "/model/instances", "bytez")) + "\n"
                + harness.body(call(world.owner(), "GET", "/v1/endpoints?limit=100", "paitient")) + "\n"
                + harness.body(call(world.owner(), "GET", "/v1/canary-endpoints?limit=100", "paitient")) + "\n"
                + harness.body(call(world.owner(), "GET", "/queue/chat/completions/" + world.ownerTargets().requestId(),
                "openai"));
    }

    private int ownerModelCalls() {
        List<String> ids = harness.store.list(new ClientId(world.owner().clientId())).stream()
                .map(Deployment::id).toList();
        return (int) harness.invoker.calls().stream()
                .filter(c -> ids.stream().anyMatch(id -> c.endpointName().contains(id))).count();
    }

    private APIGatewayV2HTTPResponse call(CallFactory.Caller caller, String method, String pathAndQuery, String dialect) {
        String[] parts = pathAndQuery.split("\\?", 2);
        HttpCall call = new HttpCall(method, parts[0], parts.length > 1 ? parts[1] : "",
                CallFactory.credentials(dialect, caller, false), null);
        APIGatewayV2HTTPResponse response = harness.call(call.toEvent());
        assertThat(response.getStatusCode()).as(call + " " + response.getBody()).isLessThan(300);
        return response;
    }

    private static HttpCall swapKey(HttpCall call, String from, String to) {
        String authorization = call.header("Authorization");
        return authorization == null ? call : call.withHeader("Authorization", authorization.replace(from, to));
    }

    private static HttpCall oddlyCased(HttpCall call) {
        HttpCall odd = call;
        for (Map.Entry<String, String> header : call.headers()) {
            String value = header.getKey().equalsIgnoreCase("Authorization")
                    ? header.getValue().replaceFirst("^Bearer", "bEARER") : header.getValue();
            odd = odd.withHeader(header.getKey(), null).addHeader(header.getKey().toUpperCase(), value);
        }
        return odd;
    }
}
