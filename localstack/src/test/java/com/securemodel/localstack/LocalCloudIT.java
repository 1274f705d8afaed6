package com.securemodel.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalCloudExtension.class)
class LocalCloudIT {

    @Test
    void start_withFreePorts_listensOnLoopbackOnRealPorts(LocalCloud cloud) {
        assertThat(cloud.parts()).extracting(StartedPart::name).containsExactly("DynamoDB", "SQS", "S3", "SageMaker");
        assertThat(cloud.parts()).allSatisfy(part -> {
            assertThat(part.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(part.endpoint().getPort()).isPositive();
            assertThat(part.startTime()).isPositive();
        });
        assertThat(cloud.region()).isEqualTo("us-east-1");
        assertThat(cloud.sageMakerEndpoint()).isEqualTo(cloud.parts().get(3).endpoint());
    }

    @Test
    void extension_resolvesTheSameCloudForEveryTest(LocalCloud cloud, LocalCloud again) {
        assertThat(again).isSameAs(cloud);
    }

    @Test
    void start_whenDynamoDbPortIsTaken_failsNamingThePartAndPort() throws IOException {
        // given
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalCloudConfig config = LocalCloudConfig.freePorts().withPorts(taken.getLocalPort(), 0, 0, 0);

            // when / then
            assertThatThrownBy(() -> LocalCloud.start(config))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> {
                        assertThat(e.part()).isEqualTo("DynamoDB");
                        assertThat(e.port()).isEqualTo(taken.getLocalPort());
                    })
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void start_whenSageMakerPortIsTaken_failsNamingThePartAndStopsTheOthers() throws IOException {
        // given
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalCloudConfig config = LocalCloudConfig.freePorts().withPorts(0, 0, 0, taken.getLocalPort());

            // when / then
            assertThatThrownBy(() -> LocalCloud.start(config))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> {
                        assertThat(e.part()).isEqualTo("SageMaker");
                        assertThat(e.port()).isEqualTo(taken.getLocalPort());
                    });
        }
    }

    @Test
    void close_calledTwice_stopsEveryPartOnce() {
        // given
        LocalCloud cloud = LocalCloud.start(LocalCloudConfig.freePorts());

        // when
        cloud.close();
        cloud.close();

        // then
        assertThat(cloud.parts()).allSatisfy(part -> assertThatThrownBy(
                () -> new Socket(part.endpoint().getHost(), part.endpoint().getPort()).close())
                .isInstanceOf(ConnectException.class));
    }
}
