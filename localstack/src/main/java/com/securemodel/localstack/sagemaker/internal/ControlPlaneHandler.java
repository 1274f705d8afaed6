package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The SageMaker control plane over AWS JSON 1.1: {@code POST /} with {@code X-Amz-Target: SageMaker.<Operation>}.
 * Errors are {@code {"__type": code, "message": ...}} with HTTP 400, which the SDK maps to its exceptions
 * ({@code ResourceLimitExceeded} to {@code ResourceLimitExceededException}, {@code ValidationException} to
 * {@code SageMakerException} with that error code).
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/CommonErrors.html">Common errors</a>
 */
final class ControlPlaneHandler {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "SageMaker.";
    /** Application Auto Scaling's JSON 1.1 target prefix. */
    private static final String SCALING_PREFIX = "AnyScaleFrontendService.";

    private final Map<String, BiFunction<JsonNode, String, ObjectNode>> operations;
    private final Map<String, BiFunction<JsonNode, String, ObjectNode>> scalingOperations;

    ControlPlaneHandler(ModelOperations models, EndpointOperations endpoints, AutoScaler scaler) {
        this.scalingOperations = Map.of(
                "RegisterScalableTarget", (request, region) -> scaler.registerScalableTarget(request),
                "PutScalingPolicy", (request, region) -> scaler.putScalingPolicy(request),
                "DeregisterScalableTarget", (request, region) -> scaler.deregisterScalableTarget(request),
                "DescribeScalableTargets", (request, region) -> scaler.describeScalableTargets(request));
        this.operations = Map.ofEntries(
                Map.entry("CreateModel", models::createModel),
                Map.entry("DescribeModel", models::describeModel),
                Map.entry("DeleteModel", models::deleteModel),
                Map.entry("CreateEndpointConfig", models::createEndpointConfig),
                Map.entry("DescribeEndpointConfig", models::describeEndpointConfig),
                Map.entry("DeleteEndpointConfig", models::deleteEndpointConfig),
                Map.entry("CreateEndpoint", endpoints::createEndpoint),
                Map.entry("DescribeEndpoint", endpoints::describeEndpoint),
                Map.entry("UpdateEndpoint", endpoints::updateEndpoint),
                Map.entry("DeleteEndpoint", endpoints::deleteEndpoint),
                Map.entry("ListEndpoints", (request, region) -> endpoints.listEndpoints(request)));
    }

    void handle(HttpExchange exchange) throws IOException {
        try {
            ObjectNode response = dispatch(exchange);
            HttpIo.send(exchange, 200, CONTENT_TYPE, Json.bytes(response));
        } catch (AwsErrorException e) {
            HttpIo.sendError(exchange, e, CONTENT_TYPE);
        }
    }

    private ObjectNode dispatch(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        BiFunction<JsonNode, String, ObjectNode> handler = null;
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            handler = operations.get(target.substring(TARGET_PREFIX.length()));
        } else if (target != null && target.startsWith(SCALING_PREFIX)) {
            handler = scalingOperations.get(target.substring(SCALING_PREFIX.length()));
        }
        if (!"POST".equals(exchange.getRequestMethod()) || handler == null) {
            throw AwsErrorException.controlPlane("UnknownOperationException", "The SageMaker emulator does not"
                    + " implement " + target + "; it serves " + operations.keySet().stream().sorted().toList());
        }
        JsonNode request;
        try {
            request = Json.parse(HttpIo.readBody(exchange));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw AwsErrorException.controlPlane("SerializationException", "Request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (!request.isObject()) {
            throw AwsErrorException.controlPlane("SerializationException", "Request body must be a JSON object");
        }
        return handler.apply(request, Arns.region(exchange));
    }
}
