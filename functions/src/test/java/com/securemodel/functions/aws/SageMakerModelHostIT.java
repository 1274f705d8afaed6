package com.securemodel.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.localstack.LocalCloud;
import com.securemodel.localstack.LocalCloudExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;

@ExtendWith(LocalCloudExtension.class)
class SageMakerModelHostIT {

    @Test
    void createTwice_describeUntilInService_deleteTwice(LocalCloud cloud) {
        LocalClients.Recorder recorder = new LocalClients.Recorder();
        SageMakerClient sageMaker = LocalClients.sageMaker(cloud, recorder);
        SageMakerModelHost host = new SageMakerModelHost(sageMaker);
        EndpointSpec spec = TinyEndpoints.tiny(null);

        host.createEndpoint(spec);
        host.createEndpoint(spec);

        assertThat(sageMaker.listEndpoints(b -> b.nameContains(spec.endpointName())).endpoints()).hasSize(1);
        EndpointState settled = awaitSettled(host, spec.endpointName());
        assertThat(settled.status()).isEqualTo(EndpointState.Status.IN_SERVICE);
        assertThat(settled.endpointConfigName()).isEqualTo(spec.endpointConfigName());
        CreateModelRequest model = recorder.of(CreateModelRequest.class).getFirst();
        assertThat(model.primaryContainer().environment()).containsEntry("HF_MODEL_ID", TinyEndpoints.TINY_MODEL);
        assertThat(model.enableNetworkIsolation()).isTrue();
        assertThat(model.executionRoleArn()).isEqualTo(spec.executionRoleArn());
        CreateEndpointConfigRequest config = recorder.of(CreateEndpointConfigRequest.class).getFirst();
        assertThat(config.kmsKeyId()).isNull();
        assertThat(config.productionVariants()).singleElement().satisfies(variant -> {
            assertThat(variant.variantName()).isEqualTo("AllTraffic");
            assertThat(variant.instanceType().toString()).isEqualTo("ml.g4dn.xlarge");
            assertThat(variant.initialInstanceCount()).isEqualTo(1);
        });
        assertThat(recorder.bodies).filteredOn(body -> body.contains("ProductionVariants")).isNotEmpty()
                .allSatisfy(body -> assertThat(body).doesNotContain("KmsKeyId"));

        host.deleteEndpoint(spec.endpointName(), spec.endpointConfigName(), spec.modelName());
        host.deleteEndpoint(spec.endpointName(), spec.endpointConfigName(), spec.modelName());

        assertThat(host.describeEndpoint(spec.endpointName()).status())
                .isIn(EndpointState.Status.NOT_FOUND, EndpointState.Status.DELETING);
    }

    @Test
    void createEndpointConfig_withKmsKey_sendsIt() {
        assertThat(SageMakerModelHost.createEndpointConfig(TinyEndpoints.tiny("arn:aws:kms:us-east-1:1:key/k"))
                .kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:1:key/k");
    }

    @Test
    void describe_unknownEndpoint_isNotFound(LocalCloud cloud) {
        assertThat(new SageMakerModelHost(LocalClients.sageMaker(cloud)).describeEndpoint("sms-nope"))
                .isEqualTo(EndpointState.notFound());
    }

    static EndpointState awaitSettled(SageMakerModelHost host, String endpointName) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        EndpointState state;
        do {
            state = host.describeEndpoint(endpointName);
            if (state.status() != EndpointState.Status.CREATING) {
                return state;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
        } while (System.nanoTime() < deadline);
        return state;
    }
}
