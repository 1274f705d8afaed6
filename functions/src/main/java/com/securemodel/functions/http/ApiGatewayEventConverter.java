package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Authorizer;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.Http;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext.IAM;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the API Gateway (payload format 2.0) event of the {@code httpApi} function ({@link HttpApiLambdaFunction})
 * with the application's own Jackson. The AWS adapter would read Lambda event types through
 * {@code aws-lambda-java-serialization}, whose shaded copy of Jackson is a second Jackson to load and initialise on
 * every cold start (about 700 classes); the event is a plain bean, so the application's Jackson reads it to the
 * same object ({@code ApiGatewayEventConverterTest} compares both on every sample event). It reads the JSON as a
 * tree and sets the event's fields from it, field by field, rather than through Jackson's bean deserialisation,
 * whose first use (introspecting the event's six classes) took about 90 ms of a cold start: every request's
 * first step. A member of the wrong JSON type is refused as the bean deserialiser refuses it; scalars are coerced
 * as it coerces them.
 */
public final class ApiGatewayEventConverter {

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @return the event the JSON holds; null for a JSON {@code null} (no event, as the bean deserialiser reads it)
     * @throws IllegalArgumentException when it is not JSON, not an object, or a member has the wrong JSON type
     */
    public APIGatewayV2HTTPEvent read(InputStream in) {
        // the messages name the event's members only, never a value or a member of the caller's (a header's name):
        // a failed invocation's error goes to the function's log; Jackson's own message quotes the bad token
        JsonNode tree;
        try {
            tree = json.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not an API Gateway HTTP API event (payload format 2.0): not JSON");
        }
        try {
            return read(tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not an API Gateway HTTP API event (payload format 2.0): "
                    + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException when it is not an object, or a member has the wrong JSON type */
    APIGatewayV2HTTPEvent read(JsonNode tree) {
        JsonNode event = object(tree, "the event");
        if (event == null) { // a JSON null: no event, as the bean deserialiser reads it
            return null;
        }
        APIGatewayV2HTTPEvent read = new APIGatewayV2HTTPEvent();
        read.setVersion(text(event, "version"));
        read.setRouteKey(text(event, "routeKey"));
        read.setRawPath(text(event, "rawPath"));
        read.setRawQueryString(text(event, "rawQueryString"));
        read.setCookies(texts(event, "cookies"));
        read.setHeaders(textMap(event, "headers"));
        read.setQueryStringParameters(textMap(event, "queryStringParameters"));
        read.setPathParameters(textMap(event, "pathParameters"));
        read.setStageVariables(textMap(event, "stageVariables"));
        read.setBody(text(event, "body"));
        read.setIsBase64Encoded(bool(scalar(event, "isBase64Encoded")));
        JsonNode context = object(event.get("requestContext"), "requestContext");
        if (context != null) {
            RequestContext requestContext = new RequestContext();
            requestContext.setRouteKey(text(context, "routeKey"));
            requestContext.setAccountId(text(context, "accountId"));
            requestContext.setStage(text(context, "stage"));
            requestContext.setApiId(text(context, "apiId"));
            requestContext.setDomainName(text(context, "domainName"));
            requestContext.setDomainPrefix(text(context, "domainPrefix"));
            requestContext.setTime(text(context, "time"));
            requestContext.setTimeEpoch(scalar(context, "timeEpoch") == null ? 0 : context.get("timeEpoch").asLong());
            requestContext.setRequestId(text(context, "requestId"));
            JsonNode http = object(context.get("http"), "requestContext.http");
            if (http != null) {
                Http readHttp = new Http();
                readHttp.setMethod(text(http, "method"));
                readHttp.setPath(text(http, "path"));
                readHttp.setProtocol(text(http, "protocol"));
                readHttp.setSourceIp(text(http, "sourceIp"));
                readHttp.setUserAgent(text(http, "userAgent"));
                requestContext.setHttp(readHttp);
            }
            JsonNode authorizer = object(context.get("authorizer"), "requestContext.authorizer");
            if (authorizer != null) {
                requestContext.setAuthorizer(authorizer(authorizer));
            }
            read.setRequestContext(requestContext);
        }
        return read;
    }

    @SuppressWarnings("unchecked")
    private Authorizer authorizer(JsonNode authorizer) {
        Authorizer read = new Authorizer();
        JsonNode jwt = object(authorizer.get("jwt"), "authorizer.jwt");
        if (jwt != null) {
            Authorizer.JWT readJwt = new Authorizer.JWT();
            readJwt.setClaims(textMap(jwt, "claims"));
            readJwt.setScopes(texts(jwt, "scopes"));
            read.setJwt(readJwt);
        }
        JsonNode lambda = object(authorizer.get("lambda"), "authorizer.lambda");
        if (lambda != null) {
            read.setLambda(json.convertValue(lambda, LinkedHashMap.class));
        }
        JsonNode iam = object(authorizer.get("iam"), "authorizer.iam");
        if (iam != null) {
            IAM readIam = new IAM();
            readIam.setAccessKey(text(iam, "accessKey"));
            readIam.setAccountId(text(iam, "accountId"));
            readIam.setCallerId(text(iam, "callerId"));
            readIam.setPrincipalOrgId(text(iam, "principalOrgId"));
            readIam.setUserArn(text(iam, "userArn"));
            readIam.setUserId(text(iam, "userId"));
            JsonNode cognito = object(iam.get("cognitoIdentity"), "authorizer.iam.cognitoIdentity");
            if (cognito != null) {
                CognitoIdentity readCognito = new CognitoIdentity();
                readCognito.setAmr(texts(cognito, "amr"));
                readCognito.setIdentityId(text(cognito, "identityId"));
                readCognito.setIdentityPoolId(text(cognito, "identityPoolId"));
                readIam.setCognitoIdentity(readCognito);
            }
            read.setIam(readIam);
        }
        return read;
    }

    /** @return {@code node} when it is an object, null when absent or null */
    private static JsonNode object(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " is not an object");
        }
        return node;
    }

    /** @return the member when it is a scalar, null when absent or null */
    private static JsonNode scalar(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(name + " is not a scalar");
        }
        return node;
    }

    /** Jackson's coercion to {@code boolean}: true, 1, "true", "True", "TRUE" (and the false ones); else refused. */
    private static boolean bool(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isBoolean() || node.isNumber()) {
            return node.asBoolean();
        }
        return switch (node.asText()) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE", "" -> false;
            default -> throw new IllegalArgumentException("isBase64Encoded is not a boolean");
        };
    }

    private static String text(JsonNode parent, String name) {
        JsonNode node = scalar(parent, name);
        return node == null ? null : node.asText();
    }

    private static List<String> texts(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(name + " is not an array");
        }
        List<String> read = new ArrayList<>(node.size());
        for (JsonNode element : node) {
            if (!element.isNull() && !element.isValueNode()) {
                throw new IllegalArgumentException(name + " holds a non-scalar");
            }
            read.add(element.isNull() ? null : element.asText());
        }
        return read;
    }

    private static Map<String, String> textMap(JsonNode parent, String name) {
        JsonNode node = object(parent.get(name), name);
        if (node == null) {
            return null;
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode value = member.getValue();
            if (!value.isNull() && !value.isValueNode()) {
                throw new IllegalArgumentException(name + " has a member that is not a scalar");
            }
            read.put(member.getKey(), value.isNull() ? null : value.asText());
        }
        return read;
    }
}
