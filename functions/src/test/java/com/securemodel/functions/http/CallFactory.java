package com.securemodel.functions.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a valid request for every operation of the {@link ApiDocument}: credentials as the operation's dialect
 * sends them, path parameters naming the caller's resources, and a body of the documented request schema (its
 * required properties and those that make a call succeed: model, prompt, messages, names, tags), with
 * {@code text} wherever free text goes (a canary in the PHI test).
 */
final class CallFactory {

    /** Whose request it is. */
    record Caller(String clientId, String key) {
    }

    /**
     * The resources path parameters and {@code model} fields name; {@code secondDeploymentId} is a canary's other
     * running deployment, {@code keyId} a spare API key of the caller's client.
     */
    record Targets(String deploymentId, String modelId, String requestId, String fileId, String batchId,
                   String secondDeploymentId, String endpointId, String canaryId, String keyId, String webhookId,
                   String eventId) {

        Targets(String deploymentId, String modelId, String requestId, String fileId, String batchId) {
            this(deploymentId, modelId, requestId, fileId, batchId, deploymentId, "ep_none", "cep_none", "key_none",
                    "wh_none", "evt_none");
        }

        Targets(String deploymentId, String modelId, String requestId) {
            this(deploymentId, modelId, requestId, "file-none", "batch_none");
        }

        /** @return these targets with an endpoint and a canary endpoint (over this and a second deployment) */
        Targets withEndpoints(String secondDeploymentId, String endpointId, String canaryId) {
            return new Targets(deploymentId, modelId, requestId, fileId, batchId, secondDeploymentId, endpointId,
                    canaryId, keyId, webhookId, eventId);
        }

        /** @return these targets with a spare API key of the caller's client (for the keys API) */
        Targets withKey(String spareKeyId) {
            return new Targets(deploymentId, modelId, requestId, fileId, batchId, secondDeploymentId, endpointId,
                    canaryId, spareKeyId, webhookId, eventId);
        }

        /** @return these targets with a webhook and an event delivered to it */
        Targets withWebhook(String webhookId, String eventId) {
            return new Targets(deploymentId, modelId, requestId, fileId, batchId, secondDeploymentId, endpointId,
                    canaryId, keyId, webhookId, eventId);
        }
    }

    /** A generated call and the operation and dialect it exercises. */
    record Generated(ApiDocument.Operation operation, String dialect, HttpCall call) {
    }

    static final String TINY_MODEL = "securemodel/tiny-random-llama";
    static final String BOUNDARY = "harness-boundary";
    private static final Set<String> USEFUL = Set.of("model", "model_name", "deployment_name", "tags", "messages",
            "prompt", "input", "max_tokens", "input_file_id", "endpoint", "completion_window", "scopes", "name",
            "url", "events");
    /** A webhook receiver the harness accepts (loopback, as in local mode; nothing is delivered there). */
    static final String WEBHOOK_URL = "http://127.0.0.1:9/hooks";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiDocument document;

    CallFactory(ApiDocument document) {
        this.document = document;
    }

    /**
     * @return one valid call per operation and dialect, those that delete something last (so that the others find
     *         what they name), deployments after the endpoints that point at them
     */
    List<Generated> everyOperation(Caller caller, Targets targets, String text) {
        List<Generated> calls = new ArrayList<>();
        for (ApiDocument.Operation operation : document.operations()) {
            for (String dialect : operation.dialects()) {
                calls.add(new Generated(operation, dialect, valid(operation, dialect, caller, targets, text)));
            }
        }
        calls.sort(Comparator.comparingInt(g -> order(g.operation())));
        return calls;
    }

    /** Others first, then deletions, deployments last (an endpoint that still sends traffic to one keeps it). */
    private static int order(ApiDocument.Operation operation) {
        if (!destructive(operation)) {
            return 0;
        }
        return operation.method().equals("DELETE") && operation.path().startsWith("/v1/deployments/") ? 2 : 1;
    }

    static boolean destructive(ApiDocument.Operation operation) {
        return operation.method().equals("DELETE") || operation.path().endsWith("/delete")
                || operation.path().endsWith("/cancel");
    }

    HttpCall valid(ApiDocument.Operation operation, String dialect, Caller caller, Targets targets, String text) {
        String path = operation.path();
        for (String name : operation.pathParameters()) {
            path = path.replace("{" + name + "}", switch (name) {
                case "request_id" -> targets.requestId();
                case "file_id" -> targets.fileId();
                case "batch_id" -> targets.batchId();
                case "endpoint_id" -> operation.path().startsWith("/v1/canary-endpoints") ? targets.canaryId()
                        : targets.endpointId();
                case "key_id" -> targets.keyId();
                case "webhook_id" -> targets.webhookId();
                case "event_id" -> targets.eventId();
                default -> targets.deploymentId();
            });
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.addAll(credentials(dialect, caller, operation.isPublic()));
        String body = null;
        if (operation.hasBody() && document.requestSchema(operation) == null) {
            headers.add(Map.entry("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
            body = multipartBatchFile(targets.deploymentId(), text);
        } else if (operation.hasBody()) {
            headers.add(Map.entry("Content-Type", "application/json"));
            body = body(operation, dialect, targets, text).toString();
        }
        // the calls before it made endpoints that still send traffic to the deployment: it goes only with force
        String query = operation.method().equals("DELETE") && operation.path().startsWith("/v1/deployments/")
                ? "force=true" : "";
        return new HttpCall(operation.method(), path, query, headers, body);
    }

    static List<Map.Entry<String, String>> credentials(String dialect, Caller caller, boolean isPublic) {
        if (isPublic) {
            return List.of();
        }
        return switch (dialect) {
            case "paitient" -> List.of(Map.entry("Authorization", "Bearer " + caller.key()),
                    Map.entry("X-Client-ID", caller.clientId()));
            case "bytez" -> List.of(Map.entry("Authorization", "Key " + caller.key()));
            default -> List.of(Map.entry("Authorization", "Bearer " + caller.key()));
        };
    }

    /** @return a multipart upload of a one-line OpenAI batch file for the deployment, {@code text} as the prompt */
    static String multipartBatchFile(String deploymentId, String text) {
        String line = "{\"custom_id\": \"1\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": "
                + "{\"model\": \"" + deploymentId + "\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text
                + "\"}], \"max_tokens\": 2}}";
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + text + ".jsonl\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n" + line + "\n\r\n--" + BOUNDARY + "--\r\n";
    }

    private ObjectNode body(ApiDocument.Operation operation, String dialect, Targets targets, String text) {
        JsonNode schema = document.requestSchema(operation);
        ObjectNode body = JSON.createObjectNode();
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        boolean otherText = schema.path("properties").has("input") || schema.path("properties").has("messages");
        for (Iterator<String> names = schema.path("properties").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean skip = name.equals("model") && operation.pathParameters().contains("model")
                    || name.equals("prompt") && otherText && !required.contains(name);
            if (skip || !(required.contains(name) || USEFUL.contains(name))) {
                continue;
            }
            switch (name) {
                case "model" -> body.put(name, dialect.equals("bytez") ? targets.modelId() : targets.deploymentId());
                case "model_name" -> body.put(name, TINY_MODEL);
                case "deployment_name" -> body.put(name, "name-" + text);
                case "tags" -> body.putObject(name).put("canary", text);
                case "messages" -> body.putArray(name).addObject().put("role", "user").put("content", text);
                case "max_tokens" -> body.put(name, 4);
                case "input_file_id" -> body.put(name, targets.fileId());
                case "endpoint" -> body.put(name, "/v1/chat/completions");
                case "completion_window" -> body.put(name, "24h");
                case "deployment_id" -> body.put(name, targets.deploymentId());
                case "name" -> body.put(name, text + "-" + Integer.toHexString(operation.path().hashCode()));
                case "deployments" -> {
                    var split = body.putArray(name);
                    split.addObject().put("id", targets.deploymentId()).put("traffic_percentage", 50);
                    split.addObject().put("id", targets.secondDeploymentId()).put("traffic_percentage", 50);
                }
                case "scopes" -> body.putArray(name).add("read");
                case "url" -> body.put(name, WEBHOOK_URL + "?" + text);
                case "events" -> body.putArray(name).add("deployment.created").add("deployment.status_changed");
                default -> body.set(name, sample(document.root(), schema.path("properties").path(name), text));
            }
        }
        return body;
    }

    private static JsonNode sample(JsonNode root, JsonNode schema, String text) {
        if (schema.has("$ref")) {
            return sample(root, root.at(schema.get("$ref").asText().substring(1)), text);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("string");
        return switch (type) {
            case "integer" -> JSON.getNodeFactory().numberNode(1);
            case "number" -> JSON.getNodeFactory().numberNode(0.5);
            case "boolean" -> JSON.getNodeFactory().booleanNode(false);
            case "object" -> JSON.createObjectNode();
            case "array" -> JSON.createArrayNode();
            default -> JSON.getNodeFactory().textNode(text);
        };
    }
}
