package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.securemodel.core.deployment.DeploymentStatus;
import com.securemodel.core.tenant.ClientId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A second client cannot see or touch the first client's deployment: it does not exist for them. */
class TenantIsolationTest {

    private final HttpApiHarness harness = new HttpApiHarness();
    private String deploymentId;

    @BeforeEach
    void firstClientHasARunningDeployment() {
        deploymentId = harness.createDeployment();
        harness.provision();
    }

    private APIGatewayV2HTTPEvent asOtherClient(String file) {
        return ApiEvents.as(ApiEvents.load(file, "deployment_id", deploymentId), HttpApiHarness.OTHER_CLIENT,
                harness.otherKey);
    }

    @Test
    void otherClient_getGenerateDelete_areResourceNotFound() {
        for (String file : List.of("get-deployment.json", "generate.json", "delete-deployment.json")) {
            APIGatewayV2HTTPResponse response = harness.call(asOtherClient(file));

            assertThat(response.getStatusCode()).as(file).isEqualTo(404);
            assertThat(harness.body(response).at("/error/code").asText()).as(file).isEqualTo("resource_not_found");
        }
        assertThat(harness.store.find(new ClientId(HttpApiHarness.CLIENT), deploymentId).orElseThrow().status())
                .isEqualTo(DeploymentStatus.RUNNING);
        assertThat(harness.invoker.calls()).isEmpty();
    }

    @Test
    void otherClient_listsNothing() {
        APIGatewayV2HTTPEvent event = asOtherClient("list-deployments.json");
        event.setRawQueryString("");

        APIGatewayV2HTTPResponse response = harness.call(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(harness.body(response).path("deployments")).isEmpty();
        assertThat(harness.body(response).at("/pagination/total").asInt()).isZero();
    }

    @Test
    void otherClient_cannotPassTheFirstClientsIdWithItsOwnKey() {
        APIGatewayV2HTTPEvent event = ApiEvents.as(ApiEvents.load("get-deployment.json", "deployment_id",
                deploymentId), HttpApiHarness.CLIENT, harness.otherKey);

        assertThat(harness.call(event).getStatusCode()).isEqualTo(401);
    }
}
