package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;

/**
 * The resources the harness tests need, made through the API: the owner's running deployment, a loaded Bytez
 * instance, a queued request, a file, a batch, an endpoint, a canary endpoint and a spare read-only API key; and
 * another client with a key and the same resources of its own.
 */
record HarnessWorld(CallFactory.Caller owner, CallFactory.Targets ownerTargets, CallFactory.Caller other,
                    CallFactory.Targets otherTargets) {

    static HarnessWorld of(HttpApiHarness harness) {
        var owner = new CallFactory.Caller(HttpApiHarness.CLIENT, HttpApiHarness.KEY);
        var other = new CallFactory.Caller(HttpApiHarness.OTHER_CLIENT, harness.otherKey);
        return new HarnessWorld(owner, targets(harness, owner), other, targets(harness, other));
    }

    private static CallFactory.Targets targets(HttpApiHarness harness, CallFactory.Caller caller) {
        String deployment = harness.runningDeployment("d", caller.clientId(), caller.key());
        call(harness, new HttpCall("POST", "/model/load", "", List.of(Map.entry("Authorization", "Key " + caller.key()),
                Map.entry("Content-Type", "application/json")), "{\"model\": \"" + CallFactory.TINY_MODEL + "\"}"));
        harness.provision();
        var queued = call(harness, new HttpCall("POST", "/queue/chat/completions", "", List.of(
                Map.entry("Authorization", "Bearer " + caller.key()), Map.entry("Prefer", "respond-async"),
                Map.entry("Content-Type", "application/json")), "{\"model\": \"" + deployment
                + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"max_tokens\": 2}"));
        String requestId = harness.body(queued).path("id").asText();
        var file = call(harness, new HttpCall("POST", "/v1/files", "", List.of(Map.entry("Authorization", "Bearer "
                + caller.key()), Map.entry("Content-Type", "multipart/form-data; boundary=" + CallFactory.BOUNDARY)),
                CallFactory.multipartBatchFile(deployment, "hi")));
        String fileId = harness.body(file).path("id").asText();
        var batch = call(harness, new HttpCall("POST", "/v1/batches", "", List.of(Map.entry("Authorization", "Bearer "
                + caller.key()), Map.entry("Content-Type", "application/json")), "{\"input_file_id\": \"" + fileId
                + "\", \"endpoint\": \"/v1/chat/completions\", \"completion_window\": \"24h\"}"));
        String second = harness.runningDeployment("d2", caller.clientId(), caller.key());
        var endpoint = call(harness, new HttpCall("POST", "/v1/endpoints", "", CallFactory.credentials("paitient",
                caller, false), "{\"name\": \"world-endpoint\", \"deployment_id\": \"" + deployment + "\"}")
                .addHeader("Content-Type", "application/json"));
        var canary = call(harness, new HttpCall("POST", "/v1/canary-endpoints", "", CallFactory.credentials("paitient",
                caller, false), "{\"name\": \"world-canary\", \"deployments\": [{\"id\": \"" + deployment
                + "\", \"traffic_percentage\": 90}, {\"id\": \"" + second + "\", \"traffic_percentage\": 10}]}")
                .addHeader("Content-Type", "application/json"));
        var webhook = call(harness, new HttpCall("POST", "/v1/webhooks", "", CallFactory.credentials("paitient", caller,
                false), "{\"url\": \"" + CallFactory.WEBHOOK_URL + "\", \"events\": [\"deployment.created\"]}")
                .addHeader("Content-Type", "application/json"));
        String webhookId = harness.body(webhook).path("id").asText();
        var test = call(harness, new HttpCall("POST", "/v1/webhooks/" + webhookId + "/test", "",
                CallFactory.credentials("paitient", caller, false), null));
        var key = call(harness, new HttpCall("POST", "/v1/keys", "", CallFactory.credentials("paitient", caller,
                false), "{\"name\": \"spare\", \"scopes\": [\"read\"]}").addHeader("Content-Type",
                "application/json"));
        return new CallFactory.Targets(deployment, CallFactory.TINY_MODEL, requestId, fileId,
                harness.body(batch).path("id").asText()).withEndpoints(second,
                harness.body(endpoint).path("id").asText(), harness.body(canary).path("id").asText())
                .withKey(harness.body(key).path("id").asText())
                .withWebhook(webhookId, harness.body(test).path("event_id").asText());
    }

    private static APIGatewayV2HTTPResponse call(HttpApiHarness harness, HttpCall call) {
        APIGatewayV2HTTPResponse response = harness.call(call.toEvent());
        if (response.getStatusCode() >= 300) {
            throw new AssertionError(call + " -> " + response.getStatusCode() + " " + response.getBody());
        }
        return response;
    }
}
