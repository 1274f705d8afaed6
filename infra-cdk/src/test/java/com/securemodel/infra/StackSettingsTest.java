package com.securemodel.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class StackSettingsTest {

  @Test
  void fromContext_withNoContext_usesTheDocumentedDefaults() {
    StackSettings settings = StackSettings.fromContext(new App().getNode());

    assertThat(settings.functionsJar()).isEqualTo(StackSettings.DEFAULT_FUNCTIONS_JAR);
    assertThat(settings.endpointPrefix()).isEqualTo("sms");
    assertThat(settings.allowedInstanceTypes()).isEqualTo(StackSettings.G4DN_INSTANCE_TYPES);
    assertThat(settings.vpcMode()).isFalse();
    assertThat(settings.streamingTimeoutSeconds()).isEqualTo(900);
    assertThat(settings.alarmEmail()).isEmpty();
    assertThat(settings.httpApiBundle()).isEmpty();
  }

  @Test
  void fromContext_readsCommaSeparatedInstanceTypesAndFlagsFromTheCommandLine() {
    App app = new App(AppProps.builder().context(Map.of(
        "allowedInstanceTypes", "ml.g4dn.xlarge, ml.g5.xlarge",
        "vpc", "true",
        "endpointPrefix", "acme",
        "streamingTimeoutSeconds", "300",
        "alarmEmail", "ops@example.com",
        "httpApiBundle", "../bench/target/lambda-bundle")).build());

    StackSettings settings = StackSettings.fromContext(app.getNode());

    assertThat(settings.allowedInstanceTypes()).containsExactly("ml.g4dn.xlarge", "ml.g5.xlarge");
    assertThat(settings.vpcMode()).isTrue();
    assertThat(settings.endpointPrefix()).isEqualTo("acme");
    assertThat(settings.streamingTimeoutSeconds()).isEqualTo(300);
    assertThat(settings.alarmEmail()).contains("ops@example.com");
    assertThat(settings.httpApiBundle()).contains("../bench/target/lambda-bundle");
  }

  @Test
  void constructor_whenPrefixIsNotLowerCaseAlphanumeric_isRejected() {
    assertThatThrownBy(() -> new StackSettings("x.jar", "dir", "SMS_1", List.of("ml.g4dn.xlarge"), false, 1, 1, 1,
        900, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpointPrefix");
  }

  @Test
  void constructor_whenAnInstanceTypeIsNotSageMakers_isRejected() {
    assertThatThrownBy(() -> new StackSettings("x.jar", "dir", "sms", List.of("g4dn.xlarge"), false, 1, 1, 1,
        900, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedInstanceTypes");
  }

  @Test
  void constructor_whenStreamingTimeoutExceedsLambdasFifteenMinutes_isRejected() {
    assertThatThrownBy(() -> new StackSettings("x.jar", "dir", "sms", List.of("ml.g4dn.xlarge"), false, 1, 1, 1,
        901, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamingTimeoutSeconds");
  }
}
