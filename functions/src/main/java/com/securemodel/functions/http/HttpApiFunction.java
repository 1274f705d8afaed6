package com.securemodel.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.async.AsyncRequest;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.audit.CallContext;
import com.securemodel.core.audit.CallJournal;
import com.securemodel.core.audit.CallRecord;
import com.securemodel.core.limits.RateDecision;
import com.securemodel.core.limits.RateLimiter;
import com.securemodel.core.tenant.AuthenticatedKey;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.core.tenant.Scope;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.functions.http.error.ApiError;
import com.securemodel.functions.http.error.ErrorResponses;
import com.securemodel.functions.http.internal.EventRequests;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.QueryParameters;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.functions.http.routing.RouteTable;
import com.securemodel.functions.http.routing.Router;
import com.securemodel.functions.http.routing.StreamBody;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one HTTP server: every REST route of every dialect, behind API Gateway's HTTP API (payload format 2.0) on
 * Lambda, where the function {@code httpApi} ({@link HttpApiLambdaFunction}) hands it each event, and behind the local
 * web server, which hands it the same events.
 *
 * <p>Per request: a request id (API Gateway's, else {@code req_...}) in the MDC and the {@code X-Request-ID}
 * header; route lookup (404/405, in the error shape of the dialect that owns the path); a body limit (413);
 * authentication as the route asks (a key and {@code X-Client-ID} for PaiTIENT, the key alone for Bytez and
 * OpenAI, nothing for health); the route's scope among the key's (403); the route's handler; and
 * {@link ErrorResponses} for anything thrown. A route may answer with a stream, written chunk by chunk by
 * {@link #serve} and as one body by {@link #apply}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">
 *     HTTP API Lambda integrations</a>
 */
public final class HttpApiFunction implements HttpApiServer {

    /** The largest request body accepted: 1 MiB. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiFunction.class);
    private static final String[] MDC_KEYS = {"requestId", "clientId", "deploymentId"};

    private final Router router;
    private final Authenticator authenticator;
    private final UsageRecorder usage;
    private final IdGenerator ids;
    private final CallJournal journal;
    private final Clock clock;
    private final RateLimiter limiter;

    public HttpApiFunction(Router router, Authenticator authenticator, UsageRecorder usage, IdGenerator ids) {
        this(router, authenticator, usage, ids, null, Clock.systemUTC());
    }

    /** @param journal where each served call's audit record and request log line go; null: nowhere */
    public HttpApiFunction(Router router, Authenticator authenticator, UsageRecorder usage, IdGenerator ids,
                           CallJournal journal, Clock clock) {
        this(router, authenticator, usage, ids, journal, clock, null);
    }

    /**
     * @param limiter each authenticated request's rate limit (its answer carries the {@code X-RateLimit-*} headers);
     *        null: none
     */
    public HttpApiFunction(Router router, Authenticator authenticator, UsageRecorder usage, IdGenerator ids,
                           CallJournal journal, Clock clock, RateLimiter limiter) {
        this.limiter = limiter;
        this.router = router;
        this.authenticator = authenticator;
        this.usage = usage;
        this.ids = ids;
        this.journal = journal;
        this.clock = clock;
    }

    /** What serving one request learned about its caller and target, for the call's record. */
    private static final class Facts {
        AuthenticatedKey caller;
        String deploymentId;
        String dialect;
        RateDecision rate;
    }

    /** The Lambda entry (API Gateway HTTP API): a streamed answer is sent as one body. */
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        BufferedOutput output = new BufferedOutput();
        serve(event, output);
        // a Lambda instance may be frozen for good after this call: usage leaves every few seconds from here too
        usage.flushIfDue();
        if (journal != null) {
            journal.flushIfDue();
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(output.status)
                .withHeaders(output.headers)
                .withBody(output.body.toString())
                .withIsBase64Encoded(false)
                .build();
    }

    /**
     * Serves one request onto {@code output}: a JSON answer in one chunk, or a stream chunk by chunk as its route
     * produces it (the local web server and the streaming web app flush each one).
     */
    @Override
    public void serve(APIGatewayV2HTTPEvent event, ResponseOutput output) {
        long started = System.nanoTime();
        String gatewayId = EventRequests.gatewayRequestId(event);
        String requestId = gatewayId != null ? gatewayId : ids.next("req");
        MDC.put("requestId", requestId);
        Instant startedAt = clock.instant();
        String route = "(no route)";
        int status;
        Facts facts = new Facts();
        try (CallContext call = CallContext.open()) {
            RouteTable table = null; // the route's; else the path's error shape, found only when needed
            String path = null;
            ApiResponse response = null;
            ApiError error = null;
            try {
                String method = EventRequests.method(event);
                path = EventRequests.rawPath(event);
                Map<String, String> headers = EventRequests.headers(event);
                Router.Match match = router.match(method, path, headers);
                table = match.table();
                route = match.route().toString();
                facts.dialect = table.dialect();
                response = handle(event, method, path, headers, match, requestId, facts);
            } catch (RuntimeException e) {
                error = ErrorResponses.describe(e, requestId);
            }
            if (table == null) {
                try {
                    table = path == null ? router.fallback() : router.tableFor(path);
                } catch (RuntimeException e) { // a dialect's table that cannot be made: its error is told already
                    table = router.fallback();
                }
            }
            Map<String, String> limits = RateLimitHeaders.of(facts.rate);
            if (error == null && response.stream() != null) {
                status = stream(response, table, requestId, output, limits);
            } else {
                status = error == null ? success(response, table, requestId, output, limits)
                        : failure(error, table, output, limits);
            }
            long latency = (System.nanoTime() - started) / 1_000_000;
            LOG.info("{} -> {} in {} ms", route, status, latency);
            note(facts, call, route, requestId, startedAt, status, latency);
        } finally {
            for (String key : MDC_KEYS) {
                MDC.remove(key);
            }
        }
    }

    /** Hands the call's record to the journal: never a body, a header or a key, only ids, counts and status. */
    private void note(Facts facts, CallContext call, String route, String requestId, Instant startedAt, int status,
                      long latency) {
        if (journal == null || facts.caller == null) {
            return;
        }
        String deploymentId = call.deploymentId() != null ? call.deploymentId() : facts.deploymentId;
        journal.record(new CallRecord(facts.caller.clientId(), facts.caller.keyId(), deploymentId, route,
                facts.dialect, requestId, startedAt, call.promptTokens(), call.completionTokens(), status, latency));
    }

    /**
     * Runs a request accepted earlier with {@code Prefer: respond-async} (the async worker's step), as its route
     * would have answered it then, without the preference: the caller was authenticated when it was accepted. The run
     * gets an audit record (and a request log line) of its own, under the queued request's id and the key id it was
     * accepted with; an attempt the queue redelivers gets one too.
     *
     * @throws ServiceException for an answer worth trying again later (429, 503): the queue redelivers it
     */
    public AsyncRequestService.Answer replay(AsyncRequest request) {
        MDC.put("requestId", request.id());
        MDC.put("clientId", request.clientId().value());
        long started = System.nanoTime();
        Instant startedAt = clock.instant();
        RouteTable table = router.fallback();
        String route = request.route();
        int status = 500;
        try (CallContext call = CallContext.open()) {
            try {
                String[] parts = request.route().split(" ", 2);
                table = router.tableFor(parts[1]);
                Router.Match match = router.match(parts[0], parts[1], Map.of());
                table = match.table();
                route = match.route().toString();
                ApiResponse response = match.route().handler().handle(new ApiRequest(parts[0], parts[1],
                        match.pathParameters(), QueryParameters.empty(), Map.of(), request.body(), request.id(),
                        request.clientId()));
                if (response.stream() != null) {
                    throw new IllegalStateException("a queued request cannot stream");
                }
                status = response.status();
                return new AsyncRequestService.Answer(status, table.json().writeValueAsString(response.body()));
            } catch (ServiceException e) {
                status = e.httpStatus();
                if (e.httpStatus() == 429 || e.httpStatus() == 503) {
                    throw e;
                }
                return answer(ErrorResponses.describe(e, request.id()), table);
            } catch (JsonProcessingException | RuntimeException e) {
                ApiError error = ErrorResponses.describe(e, request.id());
                status = error.status();
                return answer(error, table);
            } finally {
                noteReplay(request, call, route, table.dialect(), startedAt, status,
                        (System.nanoTime() - started) / 1_000_000);
            }
        } finally {
            MDC.remove("requestId");
            MDC.remove("clientId");
        }
    }

    private void noteReplay(AsyncRequest request, CallContext call, String route, String dialect, Instant startedAt,
                            int status, long latency) {
        if (journal == null) {
            return;
        }
        journal.record(new CallRecord(request.clientId(), request.keyId(), call.deploymentId(), route, dialect,
                request.id(), startedAt, call.promptTokens(), call.completionTokens(), status, latency));
        journal.flushIfDue();
        usage.flushIfDue();
    }

    private static AsyncRequestService.Answer answer(ApiError error, RouteTable table) {
        try {
            return new AsyncRequestService.Answer(error.status(),
                    table.json().writeValueAsString(table.errorFormat().body(error)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an error body", e);
        }
    }

    private ApiResponse handle(APIGatewayV2HTTPEvent event, String method, String path, Map<String, String> headers,
                               Router.Match match, String requestId, Facts facts) {
        byte[] body = EventRequests.body(event, MAX_BODY_BYTES);
        if (body.length > 0) {
            EventRequests.requireContentType(match.route().consumes(), headers.get("content-type"));
        }
        AuthenticatedKey caller = switch (match.route().access()) {
            case PUBLIC -> null;
            case KEY_AND_CLIENT_ID -> authenticator.authenticateCaller(headers.get("authorization"),
                    headers.get("x-client-id"));
            case KEY -> authenticator.authenticateKeyCaller(headers.get("authorization"), headers.get("api-key"),
                    headers.get("x-client-id"));
        };
        facts.caller = caller;
        if (caller != null) {
            CallContext.noteCaller(caller.keyId());
        }
        limitRate(caller, facts);
        authorize(caller, match.route());
        ClientId client = caller == null ? null : caller.clientId();
        if (client != null) {
            MDC.put("clientId", client.value());
        }
        String deploymentId = match.pathParameters().get("deployment_id");
        if (deploymentId != null) {
            facts.deploymentId = deploymentId;
            MDC.put("deploymentId", deploymentId);
        }
        ApiRequest request = new ApiRequest(method, path, match.pathParameters(), EventRequests.query(event),
                headers, body, requestId, client);
        return match.route().handler().handle(request);
    }

    /** The key's scopes must hold the route's: else 403 {@code permission_denied}, naming the scope needed. */
    private static void authorize(AuthenticatedKey caller, Route route) {
        if (caller != null) {
            caller.require(route.scope() != null ? route.scope() : Scope.ADMIN, route.toString());
        }
    }

    /** Counts the request against its client's rate limit; 429 {@code rate_limit_exceeded} over it. */
    private void limitRate(AuthenticatedKey caller, Facts facts) {
        if (limiter != null && caller != null) {
            facts.rate = limiter.admit(caller.clientId());
            facts.rate.requireAdmitted();
        }
    }

    private static int success(ApiResponse response, RouteTable table, String requestId, ResponseOutput output,
                               Map<String, String> limits) {
        String body;
        try {
            body = table.json().writeValueAsString(response.body());
        } catch (JsonProcessingException e) {
            return failure(ErrorResponses.describe(new IllegalStateException("Cannot write the response of "
                    + table.dialect(), e), requestId), table, output, limits);
        }
        output.head(response.status(), headers("application/json", requestId, response.headers(), limits));
        output.write(body);
        return response.status();
    }

    /**
     * Runs a stream. The status and headers leave with the first chunk, so a stream that fails before writing
     * anything still answers an ordinary error; one that fails later ends with the error chunk its route wrote.
     */
    private static int stream(ApiResponse response, RouteTable table, String requestId, ResponseOutput output,
                              Map<String, String> limits) {
        LazySink sink = new LazySink(output, response.status(),
                headers(response.stream().contentType(), requestId, response.headers(), limits));
        try {
            response.stream().writeTo(sink);
            if (!sink.started()) {
                sink.write("");
            }
            return response.status();
        } catch (StreamBody.ClientGoneException e) {
            LOG.info("The client closed the stream early");
            return 499;
        } catch (RuntimeException e) {
            ApiError error = ErrorResponses.describe(e, requestId);
            if (!sink.started()) {
                return failure(error, table, output, limits);
            }
            return error.status();
        }
    }

    private static int failure(ApiError error, RouteTable table, ResponseOutput output, Map<String, String> limits) {
        String body;
        try {
            body = table.json().writeValueAsString(table.errorFormat().body(error));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("Cannot write an error body", e);
            body = "{\"error\":{\"code\":\"internal_error\",\"message\":\"Internal error\",\"request_id\":\""
                    + error.requestId().replaceAll("[^A-Za-z0-9_=+/-]", "") + "\"}}";
        }
        output.head(error.status(), headers("application/json", error.requestId(), error.headers(), limits));
        output.write(body);
        return error.status();
    }

    private static Map<String, String> headers(String contentType, String requestId, Map<String, String> extra,
                                               Map<String, String> limits) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("X-Request-ID", requestId);
        headers.putAll(limits);
        headers.putAll(extra);
        return headers;
    }

    /** Sends the head with the first chunk; turns a failed write into {@link StreamBody.ClientGoneException}. */
    private static final class LazySink implements StreamBody.ChunkSink {

        private final ResponseOutput output;
        private final int status;
        private final Map<String, String> headers;
        private volatile boolean started;
        private volatile boolean gone;

        LazySink(ResponseOutput output, int status, Map<String, String> headers) {
            this.output = output;
            this.status = status;
            this.headers = headers;
        }

        @Override
        public synchronized void write(String chunk) {
            send(() -> output.write(chunk));
        }

        @Override
        public synchronized void buffer(String chunk) {
            send(() -> output.writeBuffered(chunk));
        }

        @Override
        public synchronized void flush() {
            if (started) {
                send(output::flush);
            }
        }

        private void send(Runnable writing) {
            if (gone) {
                throw new StreamBody.ClientGoneException(null);
            }
            try {
                if (!started) {
                    started = true;
                    output.head(status, headers);
                }
                writing.run();
            } catch (UncheckedIOException e) {
                gone = true;
                throw new StreamBody.ClientGoneException(e);
            }
        }

        @Override
        public boolean started() {
            return started;
        }
    }

    /** Collects a whole response (Lambda behind API Gateway). */
    private static final class BufferedOutput implements ResponseOutput {

        private int status = 500;
        private Map<String, String> headers = Map.of();
        private final StringBuilder body = new StringBuilder();

        @Override
        public void head(int status, Map<String, String> headers) {
            this.status = status;
            this.headers = headers;
        }

        @Override
        public void write(String chunk) {
            body.append(chunk);
        }
    }
}
