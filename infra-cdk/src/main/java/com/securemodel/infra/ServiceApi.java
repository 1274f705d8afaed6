package com.securemodel.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API (API Gateway v2): one {@code $default} route to the HTTP function (payload format 2.0), the
 * {@code $default} stage auto-deployed with stage throttling and JSON access logs that carry request metadata and
 * never a body, header or query string.
 *
 * <p>Authentication is the service's own API keys, checked by the function for every dialect. HTTP APIs do not
 * stream and end at 30 s; streaming and long generations go to the Function URL of
 * {@link ServiceFunctions#streaming()} (output {@code StreamingUrl}).
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html">
 *     HTTP API access log variables</a>
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html">HTTP API
 *     throttling</a>
 */
public final class ServiceApi extends Construct {

  /** Access log settings; a class with getters only, as jsii reads {@code getX} methods as properties. */
  private static final class JsonAccessLogs implements IAccessLogSettings {
    private final IAccessLogDestination logDestination;
    private final AccessLogFormat logFormat;

    JsonAccessLogs(IAccessLogDestination logDestination, AccessLogFormat logFormat) {
      this.logDestination = logDestination;
      this.logFormat = logFormat;
    }

    @Override
    public IAccessLogDestination getDestination() {
      return logDestination;
    }

    @Override
    public AccessLogFormat getFormat() {
      return logFormat;
    }
  }

  private final HttpApi api;
  private final HttpStage stage;

  public ServiceApi(Construct scope, String id, IKey logKey, int rateLimit, int burstLimit) {
    super(scope, id);
    api = HttpApi.Builder.create(this, "HttpApi")
        .description("Secure Model Service: PaiTIENT v1, Bytez and OpenAI-compatible routes")
        .createDefaultStage(false)
        .build();
    LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
        .encryptionKey(logKey)
        .retention(RetentionDays.ONE_YEAR)
        .removalPolicy(RemovalPolicy.RETAIN)
        .build();
    stage = HttpStage.Builder.create(this, "DefaultStage")
        .httpApi(api)
        .stageName("$default")
        .autoDeploy(true)
        .throttle(ThrottleSettings.builder().rateLimit(rateLimit).burstLimit(burstLimit).build())
        .accessLogSettings(new JsonAccessLogs(
            new LogGroupLogDestination(accessLogs), AccessLogFormat.custom(accessLogFormat())))
        .build();
  }

  /** Routes every request ({@code $default}) to {@code handler}. */
  public void routeAllTo(IFunction handler) {
    HttpRoute route = HttpRoute.Builder.create(this, "DefaultRoute")
        .httpApi(api)
        .routeKey(HttpRouteKey.DEFAULT)
        .integration(new HttpLambdaIntegration("HttpFunction", handler))
        .build();
    Nag.suppress(route, "AwsSolutions-APIG4",
        "Every route authenticates the caller's API key (Bearer / Authorization header) in the HTTP function, the "
            + "same code path for the three API dialects; an API Gateway authorizer would duplicate it.");
  }

  static String accessLogFormat() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("requestId", "$context.requestId");
    fields.put("requestTime", "$context.requestTime");
    fields.put("sourceIp", "$context.identity.sourceIp");
    fields.put("httpMethod", "$context.httpMethod");
    fields.put("routeKey", "$context.routeKey");
    fields.put("path", "$context.path");
    fields.put("protocol", "$context.protocol");
    fields.put("status", "$context.status");
    fields.put("responseLength", "$context.responseLength");
    fields.put("responseLatency", "$context.responseLatency");
    fields.put("integrationLatency", "$context.integrationLatency");
    fields.put("integrationStatus", "$context.integrationStatus");
    fields.put("integrationError", "$context.integrationErrorMessage");
    fields.put("errorMessage", "$context.error.message");
    StringBuilder json = new StringBuilder("{");
    fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
        .append(v).append('"'));
    return json.append('}').toString();
  }

  public HttpApi api() {
    return api;
  }

  public HttpStage stage() {
    return stage;
  }

  /** The base URL of the API ({@code https://<id>.execute-api.<region>.amazonaws.com}). */
  public String url() {
    return api.getApiEndpoint();
  }
}
