package com.securemodel.functions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

class AwsConnectionTest {

    private static final Map<String, String> LAMBDA = Map.of("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token");

    @Test
    void keysInTheEnvironment_andNoneInSystemProperties_theEnvironmentsProvider() {
        assertThat(AwsConnection.credentials(LAMBDA, new Properties()))
                .isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    }

    @Test
    void keysInSystemProperties_theChainDecides_asItReadsThemFirst() {
        Properties system = new Properties();
        system.setProperty("aws.accessKeyId", "AKIDSYSTEM");
        assertThat(AwsConnection.credentials(LAMBDA, system)).isInstanceOf(DefaultCredentialsProvider.class);
    }

    @Test
    void noKeysInTheEnvironment_theChainDecides() {
        // SnapStart: the container credentials endpoint, not the environment
        assertThat(AwsConnection.credentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/c"),
                new Properties())).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(AwsConnection.credentials(Map.of("AWS_ACCESS_KEY_ID", "AKID"), new Properties()))
                .as("a key without its secret").isInstanceOf(DefaultCredentialsProvider.class);
    }
}
