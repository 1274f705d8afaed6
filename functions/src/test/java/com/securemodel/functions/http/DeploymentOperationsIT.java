package com.securemodel.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.securemodel.core.tenant.Authenticator;
import com.securemodel.core.tenant.ClientId;
import com.securemodel.functions.LocalModeTestSupport;
import com.securemodel.functions.config.SageMakerControlPlane;
import com.securemodel.localstack.LocalCloud;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Operations of a running deployment through the API on the local cloud: {@code current_replicas} follows the
 * emulator's autoscaling under load and back, and an update that SageMaker rolls back returns the deployment to its
 * previous settings. The local cloud evaluates autoscaling every 300 ms in these tests ({@link LocalModeTestSupport}).
 */
class DeploymentOperationsIT extends LocalModeTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Autowired
    Authenticator authenticator;
    @Autowired
    LocalCloud cloud;
    @Autowired
    SageMakerControlPlane sageMaker;

    private ApiClient api;

    @BeforeEach
    void newClient() {
        String client = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        api = new ApiClient(baseUrl(), client, authenticator.issue(new ClientId(client)));
    }

    private String createRunning(String extraFields) {
        ApiClient.Answer created = api.post("/v1/deployments", """
                {"model_name": "securemodel/tiny-random-llama", "deployment_name": "ops", "instance_type": "g4dn.xlarge",
                 "model_config": {"context_length": 512, "max_output_tokens": 4}%s}""".formatted(extraFields));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        JsonNode running = api.pollUntil("/v1/deployments/" + id, d -> !d.path("status").asText().equals("creating"),
                WAIT);
        assertThat(running.path("status").asText()).as(running.toString()).isEqualTo("running");
        return id;
    }

    @Test
    void currentReplicas_goesUpUnderLoad_andBackDown() throws Exception {
        String id = createRunning(", \"min_replicas\": 1, \"max_replicas\": 2, \"auto_scaling\": true");
        String path = "/v1/deployments/" + id;
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> load = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            load.add(Thread.ofPlatform().start(() -> {
                while (loading.get()) {
                    api.post(path + "/generate", "{\"prompt\": \"Once\", \"max_tokens\": 2}");
                }
            }));
        }
        JsonNode scaledOut;
        try {
            scaledOut = api.pollUntil(path, d -> d.path("current_replicas").asInt() == 2, WAIT);
        } finally {
            loading.set(false);
            for (Thread t : load) {
                t.join();
            }
        }
        assertThat(scaledOut.path("current_replicas").asInt()).as(scaledOut.toString()).isEqualTo(2);
        assertThat(scaledOut.path("max_replicas").asInt()).isEqualTo(2);

        JsonNode scaledIn = api.pollUntil(path, d -> d.path("current_replicas").asInt() == 1, WAIT);
        assertThat(scaledIn.path("current_replicas").asInt()).as(scaledIn.toString()).isEqualTo(1);
        assertThat(scaledIn.path("status").asText()).isEqualTo("running");
        api.delete(path + "?force=true");
    }

    @Test
    void updateRolledBackBySageMaker_returnsToRunningWithThePreviousSettings() {
        String id = createRunning("");
        String path = "/v1/deployments/" + id;
        String endpoint = "sms-" + id.replace('_', '-');
        cloud.sageMaker().withoutCapacity("ml.g5.xlarge");
        try {
            ApiClient.Answer patched = api.send("PATCH", path, "{\"instance_type\": \"g5.xlarge\", \"tags\":"
                    + " {\"team\": \"ml\"}}");
            assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
            assertThat(patched.json().path("status").asText()).isEqualTo("updating");
            assertThat(patched.json().path("instance_type").asText()).isEqualTo("g5.xlarge");

            JsonNode after = api.pollUntil(path, d -> !d.path("status").asText().equals("updating"), WAIT);

            assertThat(after.path("status").asText()).as(after.toString()).isEqualTo("running");
            assertThat(after.path("instance_type").asText()).isEqualTo("g4dn.xlarge");
            assertThat(after.path("status_reason").asText()).contains("did not apply")
                    .contains("previous settings").contains("Unable to provision requested ML compute capacity");
            assertThat(after.path("tags").path("team").asText()).isEqualTo("ml");
            // the new revision's model and endpoint config are gone, the endpoint serves the old one
            SageMakerClient sm = sageMaker.get();
            assertThat(sm.describeEndpoint(b -> b.endpointName(endpoint)).endpointConfigName()).isEqualTo(endpoint);
            assertThatThrownBy(() -> sm.describeEndpointConfig(b -> b.endpointConfigName(endpoint + "-v1")))
                    .isInstanceOf(SageMakerException.class).hasMessageContaining("Could not find");
            assertThatThrownBy(() -> sm.describeModel(b -> b.modelName(endpoint + "-v1")))
                    .isInstanceOf(SageMakerException.class).hasMessageContaining("Could not find");
            JsonNode lines = api.get(path + "/logs?filter=level%3Derror").json().path("logs");
            assertThat(lines.toString()).contains("did not apply").contains("removed " + endpoint + "-v1");
            ApiClient.Answer generated = api.post(path + "/generate", "{\"prompt\": \"Once\", \"max_tokens\": 2}");
            assertThat(generated.status()).as(generated.raw().body()).isEqualTo(200);
        } finally {
            cloud.sageMaker().restoreCapacity("ml.g5.xlarge");
        }

        // a later update to the same instance type goes through, as revision 1 again
        ApiClient.Answer retried = api.send("PATCH", path, "{\"instance_type\": \"g5.xlarge\"}");
        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(200);
        JsonNode updated = api.pollUntil(path, d -> !d.path("status").asText().equals("updating"), WAIT);
        assertThat(updated.path("status").asText()).as(updated.toString()).isEqualTo("running");
        assertThat(updated.path("instance_type").asText()).isEqualTo("g5.xlarge");
        assertThat(updated.has("status_reason")).isFalse();
        api.delete(path + "?force=true");
    }
}
