package com.securemodel.functions.http;

import com.securemodel.core.IdGenerator;
import com.securemodel.core.audit.CallJournal;
import com.securemodel.functions.http.paitient.internal.ObservabilityHandlers;
import com.securemodel.core.batch.BatchService;
import com.securemodel.core.ServiceSettings;
import com.securemodel.core.async.AsyncRequestService;
import com.securemodel.core.bytez.BytezService;
import com.securemodel.core.bytez.ModelJobService;
import com.securemodel.core.deployment.DeploymentService;
import com.securemodel.core.endpoint.EndpointService;
import com.securemodel.core.generation.GenerationService;
import com.securemodel.core.generation.PriorityAdmission;
import com.securemodel.core.idempotency.IdempotencyKeys;
import com.securemodel.core.model.ModelCatalog;
import com.securemodel.core.model.ModelRegistry;
import com.securemodel.core.model.ModelBenchmarker;
import com.securemodel.core.tenant.ApiKeyService;
import com.securemodel.core.limits.RateLimiter;
import com.securemodel.core.limits.SubscriptionService;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.core.usage.UsageRecorder;
import com.securemodel.core.webhook.WebhookService;
import com.securemodel.functions.http.bytez.BytezRoutes;
import com.securemodel.functions.http.openai.OpenAiRoutes;
import com.securemodel.functions.http.paitient.KeyRoutes;
import com.securemodel.functions.http.paitient.PaitientRoutes;
import com.securemodel.functions.http.paitient.SubscriptionRoutes;
import com.securemodel.functions.http.routing.Router;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP function {@code httpApi} and its router. The router's table list is the one place a dialect is
 * plugged in; the first table's error shape serves requests that match no route and no dialect's prefix.
 */
@Configuration(proxyBeanMethods = false)
public class HttpApiConfiguration {

    @Bean
    PaitientRoutes paitientRoutes(DeploymentService deployments, GenerationService generation, ModelRegistry models,
                                  ServiceSettings settings, ObservabilityHandlers observe,
                                  EndpointService endpoints, IdempotencyKeys idempotency, WebhookService webhooks) {
        return new PaitientRoutes(deployments, generation, models, settings, observe, endpoints, idempotency,
                webhooks);
    }

    /**
     * @param concurrencyPerReplica requests one replica serves at once, for the queue route (vLLM batches several;
     *        the local emulator serves one per instance)
     */
    @Bean
    OpenAiRoutes openAiRoutes(GenerationService generation, TokenCounter tokens, PriorityAdmission admission,
                              @Value("${securemodel.queue.concurrency-per-replica:4}") int concurrencyPerReplica,
                              AsyncRequestService async, ServiceSettings settings, IdGenerator ids, Clock clock,
                              BatchService batches) {
        return new OpenAiRoutes(generation, tokens, admission, concurrencyPerReplica, async,
                settings.publicBaseUrl(), ids, clock, batches);
    }

    @Bean
    BytezRoutes bytezRoutes(ModelJobService jobs, BytezService bytez, GenerationService generation,
                            ModelCatalog catalog, Clock clock) {
        return new BytezRoutes(jobs, bytez, generation, new ModelBenchmarker(catalog, clock));
    }

    @Bean
    KeyRoutes keyRoutes(ApiKeyService keys) {
        return new KeyRoutes(keys);
    }

    @Bean
    SubscriptionRoutes subscriptionRoutes(SubscriptionService subscriptions) {
        return new SubscriptionRoutes(subscriptions);
    }

    /**
     * Each dialect's table is made when a request first needs it ({@link Router#lazy}): a Lambda function's first
     * request builds only its own dialect's routes and the services behind them ({@code GET /health} none).
     */
    @Bean
    Router httpRouter(ObjectProvider<PaitientRoutes> paitient, ObjectProvider<OpenAiRoutes> openAi,
                      ObjectProvider<BytezRoutes> bytez, ObjectProvider<KeyRoutes> keys,
                      ObjectProvider<SubscriptionRoutes> subscription) {
        return Router.lazy(PaitientRoutes.errorShape(), List.of(
                new Router.Source(PaitientRoutes.PATHS, paitient::getObject),
                new Router.Source(OpenAiRoutes.PATHS, openAi::getObject),
                new Router.Source(BytezRoutes.PATHS, bytez::getObject),
                new Router.Source(HealthRoutes.PATHS, HealthRoutes::new),
                new Router.Source(ApiDocumentRoutes.PATHS, ApiDocumentRoutes::new),
                new Router.Source(KeyRoutes.PATHS, keys::getObject),
                new Router.Source(SubscriptionRoutes.PATHS, subscription::getObject)));
    }

    /** The Lambda function {@code httpApi}: the invocation's bytes to {@link HttpApiFunction}, its answer back. */
    @Bean
    HttpApiLambdaFunction httpApi(HttpApiFunction httpApiServer) {
        return new HttpApiLambdaFunction(httpApiServer);
    }

    /** Every authenticated request counts against its client's rate limit, in every dialect. */
    @Bean
    HttpApiFunction httpApiServer(Router httpRouter, Authenticator authenticator, UsageRecorder usage, IdGenerator ids,
                            CallJournal journal, Clock clock, RateLimiter rateLimiter) {
        return new HttpApiFunction(httpRouter, authenticator, usage, ids, journal, clock, rateLimiter);
    }
}
