package com.securemodel.functions.http.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.core.IdGenerator;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.batch.BatchCodec;
import com.securemodel.core.batch.BatchService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.generation.PriorityAdmission;
import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.functions.http.openai.internal.BatchHandlers;
import com.securemodel.functions.http.openai.internal.BatchLineCodec;
import com.securemodel.functions.http.openai.internal.CompletionHandlers;
import com.securemodel.functions.http.openai.internal.ModelHandlers;
import com.securemodel.functions.http.openai.internal.QueueHandlers;
import com.securemodel.functions.http.openai.internal.TokenCounterHandlers;
import com.securemodel.functions.http.routing.DialectRoutes;
import com.securemodel.functions.http.routing.Route;
import com.securemodel.core.tenant.Scope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI/LiteLLM-compatible routes of {@code openai-compatible-api.txt}, each under every alias the OpenAI
 * clients use (base URL with or without {@code /v1}, {@code /engines/{model}}, Azure's
 * {@code /openai/deployments/{model}} with {@code api-version}). An API key alone identifies the caller
 * ({@code Authorization: Bearer}, or Azure's {@code api-key}).
 *
 * <p>{@code GET /v1/models} is also PaiTIENT's catalog: PaiTIENT clients always send {@code X-Client-ID}, OpenAI
 * clients never do, so this table takes the requests without it.
 */
public final class OpenAiRoutes extends DialectRoutes {

    /** Paths under these prefixes answer 404 and 405 in OpenAI's error shape. */
    private static final List<String> PREFIXES = List.of("/chat/", "/completions", "/engines/", "/openai/",
            "/queue/", "/utils/", "/models", "/v1/chat/", "/v1/completions", "/v1/models/", "/v1/embeddings",
            "/v1/responses", "/v1/files", "/v1/batches", "/v1/audio", "/v1/images", "/v1/moderations",
            "/embeddings", "/responses", "/files", "/batches");
    /** Where every route and every path this table owns lies: the router makes it for these paths only. */
    public static final List<String> PATHS = concat(PREFIXES, "/v1/models");

    /**
     * @param admission the queue of {@code /queue/chat/completions}
     * @param concurrencyPerReplica how many requests one replica of a deployment serves at once
     * @param async requests accepted with {@code Prefer: respond-async}
     * @param publicBaseUrl the base of the URLs where such requests are followed
     */
    public OpenAiRoutes(GenerationService generation, TokenCounter tokens, PriorityAdmission admission,
                        int concurrencyPerReplica, AsyncRequestService async, String publicBaseUrl, IdGenerator ids,
                        Clock clock) {
        this(generation, tokens, admission, concurrencyPerReplica, async, publicBaseUrl, ids, clock, null);
    }

    /** @param batches the Files and Batches APIs; null leaves them out (their paths then answer 404) */
    public OpenAiRoutes(GenerationService generation, TokenCounter tokens, PriorityAdmission admission,
                        int concurrencyPerReplica, AsyncRequestService async, String publicBaseUrl, IdGenerator ids,
                        Clock clock, BatchService batches) {
        super("openai", OpenAiJson.create(), new OpenAiErrorFormat(), PREFIXES);
        ObjectMapper json = json();
        var completions = new CompletionHandlers(generation, json, ids, clock);
        var queue = new QueueHandlers(completions, generation, async, json, admission, concurrencyPerReplica,
                publicBaseUrl);
        var models = new ModelHandlers(generation);
        var counter = new TokenCounterHandlers(generation, tokens, json);
        List<Route> all = new ArrayList<>(List.of(
                Route.post("/chat/completions", completions::chat).keyOnly(),
                Route.post("/v1/chat/completions", completions::chat).keyOnly(),
                Route.post("/engines/{model}/chat/completions", completions::chatForPathModel).keyOnly(),
                Route.post("/openai/deployments/{model}/chat/completions", completions::chatForPathModel).keyOnly(),
                Route.post("/queue/chat/completions", queue::chat).keyOnly(),
                Route.get("/queue/chat/completions/{request_id}", queue::result).keyOnly(),
                Route.post("/completions", completions::complete).keyOnly(),
                Route.post("/v1/completions", completions::complete).keyOnly(),
                Route.post("/engines/{model}/completions", completions::completeForPathModel).keyOnly(),
                Route.post("/openai/deployments/{model}/completions", completions::completeForPathModel).keyOnly(),
                Route.post("/utils/token_counter", counter::count).keyOnly(),
                Route.get("/models", models::list).keyOnly(),
                Route.get("/v1/models", models::list).keyOnly().claiming(OpenAiRoutes::withoutClientId),
                Route.get("/models/{model}", models::get).keyOnly(),
                Route.get("/v1/models/{model}", models::get).keyOnly()));
        if (batches != null) {
            var files = new BatchHandlers(batches, json);
            for (String base : List.of("", "/v1")) {
                all.addAll(List.of(
                        Route.post(base + "/files", files::uploadFile).keyOnly().consuming("multipart/form-data"),
                        Route.get(base + "/files", files::listFiles).keyOnly(),
                        Route.get(base + "/files/{file_id}", files::getFile).keyOnly(),
                        Route.get(base + "/files/{file_id}/content", files::fileContent).keyOnly(),
                        Route.delete(base + "/files/{file_id}", files::deleteFile).keyOnly(),
                        Route.post(base + "/batches", files::createBatch).keyOnly().scoped(Scope.GENERATE),
                        Route.get(base + "/batches", files::listBatches).keyOnly(),
                        Route.get(base + "/batches/{batch_id}", files::getBatch).keyOnly(),
                        Route.post(base + "/batches/{batch_id}/cancel", files::cancelBatch).keyOnly()));
            }
        }
        define(all);
    }

    /** @return the batch file codec: the formats read and written with this dialect's JSON rules */
    public static BatchCodec batchCodec() {
        return new BatchLineCodec(OpenAiJson.create());
    }

    /** OpenAI clients never send {@code X-Client-ID}; PaiTIENT clients always do. */
    public static boolean withoutClientId(Map<String, String> headers) {
        return !headers.containsKey("x-client-id");
    }
}
