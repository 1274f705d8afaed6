package com.securemodel.functions.http.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.error.ErrorFormat;
import com.securemodel.functions.http.error.MethodNotAllowedException;
import com.securemodel.functions.http.error.RouteNotFoundException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

    private static final RouteHandler OK = request -> ApiResponse.ok(Map.of());

    /** A route table of {@code routes} for router tests. */
    static RouteTable table(String dialect, Route... routes) {
        return new RouteTable() {
            @Override
            public String dialect() {
                return dialect;
            }

            @Override
            public List<Route> routes() {
                return List.of(routes);
            }

            @Override
            public ObjectMapper json() {
                return new ObjectMapper();
            }

            @Override
            public ErrorFormat errorFormat() {
                return error -> Map.of("error", error.code());
            }
        };
    }

    private final Router router = new Router(List.of(table("paitient",
            Route.get("/v1/deployments", OK),
            Route.post("/v1/deployments", OK),
            Route.get("/v1/deployments/{deployment_id}", OK),
            Route.delete("/v1/deployments/{deployment_id}", OK),
            Route.get("/v1/deployments/search", OK),
            Route.post("/v1/deployments/{deployment_id}/generate", OK))));

    @Test
    void match_withPathParameter_decodesIt() {
        Router.Match match = router.match("GET", "/v1/deployments/dep%5Fabc");

        assertThat(match.route().path()).hasToString("/v1/deployments/{deployment_id}");
        assertThat(match.pathParameters()).containsExactly(Map.entry("deployment_id", "dep_abc"));
    }

    @Test
    void match_literalSegment_winsOverParameter() {
        assertThat(router.match("GET", "/v1/deployments/search").route().path())
                .hasToString("/v1/deployments/search");
    }

    @Test
    void match_ignoresOneTrailingSlashAndMethodCase() {
        assertThat(router.match("post", "/v1/deployments/").route()).hasToString("POST /v1/deployments");
    }

    @Test
    void match_unknownPath_isRouteNotFoundNamingMethodAndPath() {
        assertThatThrownBy(() -> router.match("GET", "/v1/foo"))
                .isInstanceOf(RouteNotFoundException.class)
                .hasMessage("No route GET /v1/foo")
                .satisfies(e -> assertThat(((RouteNotFoundException) e).httpStatus()).isEqualTo(404));
    }

    @Test
    void match_emptyParameterSegment_doesNotMatch() {
        assertThatThrownBy(() -> router.match("POST", "/v1/deployments//generate"))
                .isInstanceOf(RouteNotFoundException.class);
    }

    @Test
    void match_knownPathWrongMethod_is405ListingAllowedMethods() {
        assertThatThrownBy(() -> router.match("PUT", "/v1/deployments/dep_1"))
                .isInstanceOfSatisfying(MethodNotAllowedException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(405);
                    assertThat(e.allowHeader()).isEqualTo("DELETE, GET");
                });
    }

    @Test
    void router_refusesTwoRoutesForSameMethodAndPath_evenAcrossDialects() {
        RouteTable paitient = table("paitient", Route.get("/v1/models", OK));
        RouteTable openai = table("openai", Route.get("/v1/models", OK));

        assertThatThrownBy(() -> new Router(List.of(paitient, openai)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /v1/models").hasMessageContaining("paitient").hasMessageContaining("openai");
    }

    @Test
    void router_refusesTemplatesThatDifferOnlyInParameterNames() {
        RouteTable table = table("x", Route.get("/v1/a/{id}", OK), Route.get("/v1/a/{other_id}", OK));

        assertThatThrownBy(() -> new Router(List.of(table))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void router_keepsRoutesOfSeveralDialects() {
        Router both = new Router(List.of(table("paitient", Route.get("/v1/models", OK)),
                table("bytez", Route.post("/model/run", OK))));

        assertThat(both.match("POST", "/model/run").table().dialect()).isEqualTo("bytez");
        assertThat(both.fallback().dialect()).isEqualTo("paitient");
    }

    /** A table that counts how often it was made, owning {@code owned} (as a string prefix of the raw path). */
    private static Router.Source counted(java.util.concurrent.atomic.AtomicInteger made, List<String> prefixes,
                                         String owned, RouteTable table) {
        return new Router.Source(prefixes, () -> {
            made.incrementAndGet();
            return new RouteTable() {
                @Override
                public String dialect() {
                    return table.dialect();
                }

                @Override
                public List<Route> routes() {
                    return table.routes();
                }

                @Override
                public ObjectMapper json() {
                    return table.json();
                }

                @Override
                public ErrorFormat errorFormat() {
                    return table.errorFormat();
                }

                @Override
                public boolean owns(String rawPath) {
                    return owned != null && rawPath.startsWith(owned);
                }
            };
        });
    }

    @Test
    void lazyRouter_makesATableWhenAPathItCoversIsFirstAsked_onlyOnce() {
        var paitient = new java.util.concurrent.atomic.AtomicInteger();
        var openai = new java.util.concurrent.atomic.AtomicInteger();
        var health = new java.util.concurrent.atomic.AtomicInteger();
        Router lazy = Router.lazy(table("paitient"), List.of(
                counted(paitient, List.of("/v1/deployments", "/v1/models"), "/v1/deployments",
                        table("paitient", Route.get("/v1/deployments/{deployment_id}", OK),
                                Route.get("/v1/models", OK).claiming(h -> h.containsKey("x-client-id")))),
                counted(openai, List.of("/chat/", "/v1/chat/", "/v1/models/"), "/v1/chat/",
                        table("openai", Route.post("/v1/chat/completions", OK), Route.get("/v1/models", OK))),
                counted(health, List.of("/health"), null, table("service", Route.get("/health", OK)))));

        assertThat(lazy.match("GET", "/health").table().dialect()).isEqualTo("service");
        assertThat(List.of(paitient.get(), openai.get(), health.get())).containsExactly(0, 0, 1);

        assertThat(lazy.match("GET", "/v1/deployments/dep_1").table().dialect()).isEqualTo("paitient");
        assertThat(List.of(paitient.get(), openai.get(), health.get())).containsExactly(1, 0, 1);

        // /v1/models belongs to two tables: both made, the header decides, as among every table
        assertThat(lazy.match("GET", "/v1/models", Map.of("x-client-id", "c")).table().dialect())
                .isEqualTo("paitient");
        assertThat(lazy.match("GET", "/v1/models").table().dialect()).isEqualTo("openai");
        assertThat(lazy.match("POST", "/v1/chat/completions").table().dialect()).isEqualTo("openai");
        assertThat(List.of(paitient.get(), openai.get(), health.get())).containsExactly(1, 1, 1);

        // a 404's error shape: the table that owns the path, else the first
        assertThat(lazy.tableFor("/v1/chat/nothing").dialect()).isEqualTo("openai");
        assertThat(lazy.tableFor("/nowhere").dialect()).isEqualTo("paitient");
        assertThat(lazy.routes()).hasSize(5);
        assertThat(List.of(paitient.get(), openai.get(), health.get())).containsExactly(1, 1, 1);
    }

    @Test
    void lazyRouter_findsWhatARouterOfEveryTableFinds_encodedAndOddPathsIncluded() {
        RouteTable paitient = table("paitient", Route.get("/v1/deployments", OK),
                Route.get("/v1/deployments/{deployment_id}", OK),
                Route.post("/v1/deployments/{deployment_id}/generate", OK));
        RouteTable bytez = table("bytez", Route.post("/model/run", OK), Route.get("/model/instances", OK));
        RouteTable health = table("service", Route.get("/health", OK));
        Router eager = new Router(List.of(paitient, bytez, health));
        Router lazy = Router.lazy(table("paitient"), List.of(
                new Router.Source(List.of("/v1/deployments"), () -> paitient),
                new Router.Source(List.of("/model"), () -> bytez),
                new Router.Source(List.of("/health"), () -> health)));

        for (String path : List.of("/v1/deployments", "/v1/deployments/", "/v1/%64eployments/d%5F1",
                "/v1/deployments/d1/generate", "/model/run", "/mod%65l/run", "/model/instances/", "/health",
                "/health/", "/v1//deployments", "/nowhere", "/", "/v1/deployments/d1/generate/x")) {
            for (String method : List.of("GET", "POST", "DELETE")) {
                assertThat(outcome(lazy, method, path)).as(method + " " + path)
                        .isEqualTo(outcome(eager, method, path));
            }
        }
    }

    private static String outcome(Router router, String method, String path) {
        try {
            Router.Match match = router.match(method, path);
            return match.table().dialect() + " " + match.route() + " " + match.pathParameters();
        } catch (RouteNotFoundException | MethodNotAllowedException e) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        }
    }

    @Test
    void lazyRouter_refusesATableWithARouteOutsideItsPrefixes() {
        Router lazy = Router.lazy(table("paitient"), List.of(new Router.Source(List.of("/v1/deployments"),
                () -> table("paitient", Route.get("/v1/deployments", OK), Route.get("/v1/other", OK)))));

        assertThatThrownBy(() -> lazy.match("GET", "/v1/deployments")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/v1/other");
    }
}
