package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.async.AsyncRequest;
import com.securemodel.core.audit.CallContext;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerateRequest;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.generation.PriorityAdmission;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /queue/chat/completions}, as LiteLLM's: an OpenAI chat completion (streamed or not) whose request
 * waits in a fair per-deployment queue ordered by {@code priority} (lower first; 0 when not given) while the
 * deployment is at capacity, instead of failing. With {@code Prefer: respond-async} (RFC 7240) it answers 202 at
 * once with an id and a URL; {@code GET /queue/chat/completions/{request_id}} answers 202 while the request waits or
 * runs, then its answer (kept at least 24 hours, for the same API key's client only).
 */
public final class QueueHandlers {

    static final String ROUTE = "POST /queue/chat/completions";

    private final CompletionHandlers completions;
    private final GenerationService generation;
    private final AsyncRequestService async;
    private final ObjectMapper json;
    private final PriorityAdmission admission;
    private final int concurrencyPerReplica;
    private final String publicBaseUrl;

    /** A request accepted for later, and how to follow it. */
    record Accepted(String id, String object, String status, long createdAt, String url) {
    }

    public QueueHandlers(CompletionHandlers completions, GenerationService generation, AsyncRequestService async,
                         ObjectMapper json, PriorityAdmission admission, int concurrencyPerReplica,
                         String publicBaseUrl) {
        this.completions = completions;
        this.generation = generation;
        this.async = async;
        this.json = json;
        this.admission = admission;
        this.concurrencyPerReplica = concurrencyPerReplica;
        this.publicBaseUrl = publicBaseUrl;
    }

    public ApiResponse chat(ApiRequest request) {
        ChatBody body = RequestBodies.read(json, request, ChatBody.class);
        GenerateRequest generate = OpenAiRequests.chat(body, true);
        if (respondAsync(request.header("prefer"))) {
            return accept(request, body, generate);
        }
        int priority = body.priority() == null ? 0 : body.priority();
        return completions.chat(request, body, generate, null, new CompletionHandlers.Gate() {
            @Override
            public <T> T through(Deployment deployment, Supplier<T> work) {
                int capacity = Math.max(1, deployment.currentReplicas()) * concurrencyPerReplica;
                return admission.run(deployment.id(), capacity, priority, work);
            }
        });
    }

    /** {@code GET /queue/chat/completions/{request_id}}. */
    public ApiResponse result(ApiRequest request) {
        AsyncRequest queued = async.get(request.clientId(), request.pathParameter("request_id"));
        if (!queued.status().finished()) {
            return new ApiResponse(202, accepted(queued), Map.of("Retry-After", "1"));
        }
        if (queued.answer() == null) {
            throw new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, queued.httpStatus(), "Queued request "
                    + queued.id() + " did not complete; send it again", null);
        }
        try {
            return new ApiResponse(queued.httpStatus(), json.readTree(queued.answer()), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is not JSON", e);
        }
    }

    /** Checks everything that can be checked now (so a bad request fails at once), then stores and queues it. */
    private ApiResponse accept(ApiRequest request, ChatBody body, GenerateRequest generate) {
        if (OpenAiRequests.stream(body.stream())) {
            throw ServiceException.invalidRequest("stream cannot be true with Prefer: respond-async: the answer is "
                    + "fetched later as a whole");
        }
        generation.check(generation.resolve(request.clientId(), OpenAiRequests.model(null, body.model())), generate);
        AsyncRequest queued = async.submit(request.clientId(), CallContext.callerKeyId(), ROUTE, request.body());
        Accepted accepted = accepted(queued);
        return new ApiResponse(202, accepted, Map.of("Location", accepted.url(), "Preference-Applied",
                "respond-async"));
    }

    private Accepted accepted(AsyncRequest queued) {
        return new Accepted(queued.id(), "queued_request", queued.status().wire(),
                queued.createdAt().getEpochSecond(), publicBaseUrl + "/queue/chat/completions/" + queued.id());
    }

    private static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            if (preference.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("respond-async")) {
                return true;
            }
        }
        return false;
    }
}
