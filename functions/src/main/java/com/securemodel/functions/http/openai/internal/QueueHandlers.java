package com.securemodel.functions.http.openai.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.deployment.Deployment;
import com.securemodel.core.generation.PriorityAdmission;
import com.securemodel.functions.http.routing.ApiRequest;
import com.securemodel.functions.http.routing.ApiResponse;
import com.securemodel.functions.http.routing.RequestBodies;
import java.util.function.Supplier;

/**
 * {@code POST /queue/chat/completions}, as LiteLLM's: an OpenAI chat completion (streamed or not) whose request
 * waits in a fair per-deployment queue ordered by {@code priority} (lower first; 0 when not given) while the
 * deployment is at capacity, instead of failing.
 */
public final class QueueHandlers {

    private final CompletionHandlers completions;
    private final ObjectMapper json;
    private final PriorityAdmission admission;
    private final int concurrencyPerReplica;

    public QueueHandlers(CompletionHandlers completions, ObjectMapper json, PriorityAdmission admission,
                         int concurrencyPerReplica) {
        this.completions = completions;
        this.json = json;
        this.admission = admission;
        this.concurrencyPerReplica = concurrencyPerReplica;
    }

    public ApiResponse chat(ApiRequest request) {
        ChatBody body = RequestBodies.read(json, request, ChatBody.class);
        int priority = body.priority() == null ? 0 : body.priority();
        return completions.chat(request, body, OpenAiRequests.chat(body, true), null, new CompletionHandlers.Gate() {
            @Override
            public <T> T through(Deployment deployment, Supplier<T> work) {
                int capacity = Math.max(1, deployment.currentReplicas()) * concurrencyPerReplica;
                return admission.run(deployment.id(), capacity, priority, work);
            }
        });
    }
}
