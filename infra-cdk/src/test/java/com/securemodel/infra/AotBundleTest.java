package com.securemodel.infra;

import static com.securemodel.infra.TemplateQueries.properties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/** {@code -c httpApiBundle=DIR}: the HTTP API function from a custom-runtime bundle, every other one as before. */
class AotBundleTest {

  @Test
  void httpApiFunction_fromTheBundle_runsItsBootstrapOnProvidedAl2023_withoutSnapStart_andTheSameEnvironment() {
    Template template = SynthesizedStack.bundleMode().template();
    Map<String, Object> http = function(template, "httpApi");
    Map<String, Object> managed = function(SynthesizedStack.defaultMode().template(), "httpApi");

    assertThat(http).containsEntry("Runtime", "provided.al2023")
        .containsEntry("Handler", ServiceFunction.HANDLER)
        .containsEntry("Architectures", List.of("x86_64"))
        .doesNotContainKey("SnapStart");
    // the bundle's bootstrap passes the handler to the same runtime interface client, with the same class and options
    assertThat(variables(http)).containsEntry("MAIN_CLASS", ServiceFunction.LAMBDA_MAIN_CLASS)
        .containsEntry("JAVA_TOOL_OPTIONS", variables(managed).get("JAVA_TOOL_OPTIONS"))
        .containsEntry("SECUREMODEL_AWS_INVOKE_TIMEOUT", "25s");
    assertThat(http.get("MemorySize")).isEqualTo(managed.get("MemorySize"));
    for (String definition : List.of("deploymentWorker", "asyncRequestWorker", "modelJobWorker", "webhookWorker")) {
      assertThat(function(template, definition)).containsEntry("Runtime", "java21").containsKey("SnapStart");
    }
  }

  @Test
  void bundleMode_passesCdkNag() {
    assertThat(SynthesizedStack.bundleMode().nagErrors()).isEmpty();
  }

  @Test
  void code_whenTheBundleLacksItsCache_saysHowToWriteIt(@TempDir Path dir) throws IOException {
    for (String file : AotBundle.FILES.subList(0, AotBundle.FILES.size() - 1)) {
      Files.createDirectories(dir.resolve(file).getParent());
      Files.writeString(dir.resolve(file), "x");
    }

    assertThatThrownBy(() -> AotBundle.code(dir.toString(), dir.resolve("app.jar").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no app.aot")
        .hasMessageContaining("bundle=DIR");
  }

  @Test
  void code_whenTheBundlesJarIsAnotherBuildThanTheFunctions_refusesToDeployTwoVersions(@TempDir Path dir)
      throws IOException {
    Path bundle = dir.resolve("bundle");
    for (String file : AotBundle.FILES) {
      Files.createDirectories(bundle.resolve(file).getParent());
      Files.writeString(bundle.resolve(file), "x");
    }
    bundle.resolve("bootstrap").toFile().setExecutable(true);
    Path newerJar = Files.writeString(dir.resolve("functions-aws.jar"), "y");

    assertThatThrownBy(() -> AotBundle.code(bundle.toString(), newerJar.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds another build of the functions jar")
        .hasMessageContaining("write the bundle again");
  }

  private static Map<String, Object> function(Template template, String definition) {
    return properties(template, "AWS::Lambda::Function").stream()
        .filter(f -> definition.equals(variables(f).get("SPRING_CLOUD_FUNCTION_DEFINITION")))
        .findFirst().orElseThrow(() -> new AssertionError("no function " + definition));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Map<String, Object> function) {
    Map<String, Object> environment = (Map<String, Object>) function.getOrDefault("Environment", Map.of());
    return (Map<String, Object>) environment.getOrDefault("Variables", Map.of());
  }
}
