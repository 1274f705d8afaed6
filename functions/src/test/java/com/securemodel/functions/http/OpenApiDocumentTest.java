package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.securemodel.functions.http.routing.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} describes every route of every dialect, and the routes answer as it says. */
class OpenApiDocumentTest {

    private final HttpApiHarness harness = new HttpApiHarness();
    private final ApiDocument document = ApiDocument.load();

    @Test
    void everyRouteOfTheTables_isDocumented_andEveryDocumentedOperationIsARoute() {
        Set<String> routes = harness.router.routes().stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = document.operations().stream().map(ApiDocument.Operation::toString)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).as("operations of openapi.json").isEqualTo(routes);
    }

    @Test
    void everyOperation_documentsItsDialectsErrorShape_andSecurity() {
        for (ApiDocument.Operation operation : document.operations()) {
            assertThat(operation.node().at("/responses/default/content/application~1json/schema").isMissingNode())
                    .as(operation + " has a default (error) response").isFalse();
            assertThat(operation.node().has("security")).as(operation + " says its security").isTrue();
        }
        harness.router.routes().stream().filter(r -> !r.authenticated()).forEach(route ->
                assertThat(operationOf(route).isPublic()).as(route + " is public").isTrue());
        assertThat(document.root().at("/components/securitySchemes").fieldNames()).toIterable()
                .contains("bearerAuth", "bytezKey", "azureApiKey", "clientId");
        assertThat(document.root().at("/components/securitySchemes/bytezKey/name").asText()).isEqualTo("Authorization");
        assertThat(document.root().at("/components/securitySchemes/azureApiKey/name").asText()).isEqualTo("api-key");
        assertThat(document.root().at("/components/securitySchemes/clientId/name").asText()).isEqualTo("X-Client-ID");
    }

    @Test
    void openApiJson_isServedWithoutCredentials() {
        HttpCall call = new HttpCall("GET", "/openapi.json", "", List.of(), null);

        APIGatewayV2HTTPResponse response = harness.call(call.toEvent());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(harness.body(response)).isEqualTo(document.root());
    }

    @Test
    void realResponses_ofEveryOperationAndDialect_matchTheDocument() {
        HarnessWorld world = HarnessWorld.of(harness);
        List<String> problems = new ArrayList<>();
        Set<String> succeeded = new TreeSet<>();
        for (CallFactory.Generated generated : new CallFactory(document).everyOperation(world.owner(),
                world.ownerTargets(), "once-upon-a-time")) {
            APIGatewayV2HTTPResponse response = harness.call(generated.call().toEvent());
            problems.addAll(document.check(generated.operation(), response));
            if (response.getStatusCode() < 300) {
                succeeded.add(generated.operation() + " (" + generated.dialect() + ")");
            }
            assertThat(response.getStatusCode()).as(generated.call() + ": " + response.getBody()).isLessThan(500);
        }

        assertThat(problems).isEmpty();
        assertThat(succeeded).as("operations answered with success").hasSizeGreaterThanOrEqualTo(
                document.operations().size() - 1);
    }

    private ApiDocument.Operation operationOf(Route route) {
        return document.operations().stream().filter(o -> o.toString().equals(route.toString())).findFirst()
                .orElseThrow();
    }
}
