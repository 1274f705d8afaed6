package com.securemodel.functions.http.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.tenant.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routes added without a scope get one from their method, path and dialect; an explicit one wins. */
class RouteScopesTest {

    private static final RouteHandler OK = request -> ApiResponse.ok(Map.of());

    private static Scope scopeOf(Router router, String method, String path) {
        return router.match(method, path).route().scope();
    }

    @Test
    void routesLaterIssuesAdd_getTheirScopeWithoutSayingIt() {
        Router router = new Router(List.of(RouterTest.table("paitient",
                Route.get("/v1/endpoints", OK),
                Route.post("/v1/endpoints", OK),
                Route.patch("/v1/endpoints/{endpoint_id}", OK),
                Route.delete("/v1/canary-endpoints/{cep_id}", OK),
                Route.post("/v1/endpoints/{endpoint_id}/generate", OK),
                Route.get("/v1/subscription", OK),
                Route.get("/v1/webhooks", OK),
                Route.post("/v1/webhooks/{webhook_id}/test", OK)),
                RouterTest.table("openai", Route.post("/v1/chat/completions", OK).keyOnly(),
                        Route.post("/v1/responses", OK).keyOnly()),
                RouterTest.table("service", Route.get("/health", OK).withoutAuthentication())));

        assertThat(scopeOf(router, "GET", "/v1/endpoints")).isEqualTo(Scope.READ);
        assertThat(scopeOf(router, "POST", "/v1/endpoints")).isEqualTo(Scope.WRITE);
        assertThat(scopeOf(router, "PATCH", "/v1/endpoints/e1")).isEqualTo(Scope.WRITE);
        assertThat(scopeOf(router, "DELETE", "/v1/canary-endpoints/c1")).isEqualTo(Scope.WRITE);
        assertThat(scopeOf(router, "POST", "/v1/endpoints/e1/generate")).isEqualTo(Scope.GENERATE);
        assertThat(scopeOf(router, "GET", "/v1/subscription")).isEqualTo(Scope.READ);
        assertThat(scopeOf(router, "GET", "/v1/webhooks")).isEqualTo(Scope.ADMIN);
        assertThat(scopeOf(router, "POST", "/v1/webhooks/w1/test")).isEqualTo(Scope.ADMIN);
        assertThat(scopeOf(router, "POST", "/v1/chat/completions")).isEqualTo(Scope.GENERATE);
        assertThat(scopeOf(router, "POST", "/v1/responses")).isEqualTo(Scope.WRITE);
        assertThat(scopeOf(router, "GET", "/health")).isNull();
    }

    @Test
    void anExplicitScope_winsOverTheDerivedOne() {
        Router router = new Router(List.of(RouterTest.table("bytez",
                Route.post("/model/status", OK).keyOnly().scoped(Scope.READ),
                Route.post("/model/run", OK).keyOnly())));

        assertThat(scopeOf(router, "POST", "/model/status")).isEqualTo(Scope.READ);
        assertThat(scopeOf(router, "POST", "/model/run")).isEqualTo(Scope.GENERATE);
    }
}
