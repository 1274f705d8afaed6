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
}
