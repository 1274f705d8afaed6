package com.securemodel.infra;

import static com.securemodel.infra.TemplateQueries.json;
import static com.securemodel.infra.TemplateQueries.properties;
import static com.securemodel.infra.TemplateQueries.statements;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The streaming path on AWS: the functions jar under the Lambda Web Adapter behind a streaming Function URL. */
class StreamingPathTest {

  private static final String MAIN_CLASS = "com.securemodel.functions.SecureModelApplication";

  private static Template template;

  @BeforeAll
  static void synthesize() {
    template = SynthesizedStack.defaultMode().template();
  }

  @Test
  void streamingFunction_runsRunShUnderTheWebAdapterLayer_inResponseStreamMode() {
    template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
        "Runtime", "java21",
        "Architectures", List.of("x86_64"),
        "Handler", "run.sh",
        "Layers", List.of(Map.of("Fn::Join", List.of("", List.of(
            "arn:", Map.of("Ref", "AWS::Partition"), ":lambda:", Map.of("Ref", "AWS::Region"),
            ":753240598075:layer:LambdaAdapterLayerX86:" + WebAdapter.LAYER_VERSION)))),
        "Environment", Map.of("Variables", Match.objectLike(Map.of(
            "AWS_LAMBDA_EXEC_WRAPPER", "/opt/bootstrap",
            "AWS_LWA_INVOKE_MODE", "response_stream",
            "AWS_LWA_PORT", "8080",
            "AWS_LWA_READINESS_CHECK_PATH", "/health"))))));
  }

  @Test
  void streamingFunction_hasTheHttpFunctionsEnvironmentAndMemory_snapStart_andA15MinuteTimeout() {
    Map<String, Object> streaming = function("run.sh");
    Map<String, Object> http = function(ServiceFunction.HANDLER, "httpApi");

    Map<String, Object> streamingEnv = new TreeMap<>(variables(streaming));
    streamingEnv.keySet().removeIf(k -> k.startsWith("AWS_LWA_") || k.equals("AWS_LAMBDA_EXEC_WRAPPER"));
    Map<String, Object> httpEnv = new TreeMap<>(variables(http));
    // only the HTTP function ends model calls before API Gateway's 29 s; the streaming one may take 15 minutes
    assertThat(httpEnv.remove("SECUREMODEL_AWS_INVOKE_TIMEOUT")).isEqualTo("25s");
    // the HTTP function starts the class processed ahead of time (Spring AOT); the streaming web app does not
    assertThat(httpEnv.remove("MAIN_CLASS")).isEqualTo(ServiceFunction.LAMBDA_MAIN_CLASS);
    assertThat(httpEnv.put("JAVA_TOOL_OPTIONS", ServiceFunction.JAVA_TOOL_OPTIONS))
        .isEqualTo(ServiceFunction.JAVA_TOOL_OPTIONS + " -Dspring.aot.enabled=true");
    assertThat(json(streamingEnv)).isEqualTo(json(httpEnv));
    assertThat(streaming).containsEntry("MemorySize", http.get("MemorySize")).containsEntry("Timeout", 900);
    assertThat(json(streaming.get("SnapStart"))).isEqualTo(json(Map.of("ApplyOn", "PublishedVersions")));
    assertThat(json(streaming.get("KmsKeyArn"))).contains("KeysDataKey");
  }

  @Test
  void functionUrl_streamsFromTheLiveAlias_andIsPublicOnlyThroughTheUrl() {
    template.resourceCountIs("AWS::Lambda::Url", 1);
    template.hasResourceProperties("AWS::Lambda::Url", Map.of(
        "AuthType", "NONE",
        "InvokeMode", "RESPONSE_STREAM",
        "Qualifier", "live",
        "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FunctionsStreamingFunction.*"),
            "Arn"))));
    List<Map<String, Object>> publicPermissions = properties(template, "AWS::Lambda::Permission").stream()
        .filter(p -> "*".equals(p.get("Principal"))).toList();
    assertThat(publicPermissions).hasSize(2).allSatisfy(p ->
        assertThat(json(p.get("FunctionName"))).contains("FunctionsStreamingAlias"));
    assertThat(publicPermissions).anySatisfy(p -> assertThat(p)
        .containsEntry("Action", "lambda:InvokeFunctionUrl").containsEntry("FunctionUrlAuthType", "NONE"));
    assertThat(publicPermissions).anySatisfy(p -> assertThat(p)
        .containsEntry("Action", "lambda:InvokeFunction").containsEntry("InvokedViaFunctionUrl", true));
  }

  @Test
  void streamingUrlOutput_isTheFunctionUrlsBaseWithoutTrailingSlash() {
    Map<String, Object> output = template.findOutputs("StreamingUrl").get("StreamingUrl");

    assertThat(output).containsEntry("Description",
        "Base URL for streaming and long generations: OpenAI, Bytez and PaiTIENT routes");
    assertThat(json(output.get("Value")))
        .startsWith("{\"Fn::Join\":[\"\",[\"https://\",{\"Fn::Select\":[2,{\"Fn::Split\":[\"/\",{\"Fn::GetAtt\":")
        .contains("FunctionsStreamingAliasFunctionUrl", "\"FunctionUrl\"");
  }

  @Test
  void streamingRole_invokesSageMakerWithResponseStream_onlyOnTheServicesEndpoints() {
    List<TemplateQueries.PolicyStatement> sageMaker = statements(template).stream()
        .filter(s -> s.policyId().startsWith("FunctionsStreamingRole") && s.hasActionStartingWith("sagemaker:"))
        .toList();

    assertThat(sageMaker).singleElement().satisfies(s -> {
      assertThat(s.actions()).containsExactlyInAnyOrder("sagemaker:InvokeEndpoint",
          "sagemaker:InvokeEndpointWithResponseStream", "sagemaker:DescribeEndpoint");
      assertThat(s.resourceJson()).isEqualTo(json(Map.of("Fn::Join", List.of("", List.of(
          "arn:", Map.of("Ref", "AWS::Partition"), ":sagemaker:", Map.of("Ref", "AWS::Region"), ":",
          Map.of("Ref", "AWS::AccountId"), ":endpoint/sms-*")))));
    });
  }

  @Test
  void streamingRole_hasExactlyTheHttpFunctionsPermissions() {
    assertThat(statementsOf("FunctionsStreamingRole")).isNotEmpty()
        .isEqualTo(statementsOf("FunctionsHttpApiRole"));
  }

  @Test
  void streamingAsset_holdsAnExecutableRunScriptAndTheJar() throws IOException {
    Path asset = streamingAsset();
    Path jar = Path.of(SynthesizedStack.defaultMode().stack().getNode().tryGetContext("functionsJar").toString());

    try (Stream<Path> files = Files.walk(asset)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> asset.relativize(f).toString()))
          .containsExactlyInAnyOrder("run.sh", "lib/" + jar.getFileName());
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(asset.resolve("run.sh"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(asset.resolve("lib").resolve(
        jar.getFileName())))).isEqualTo("rw-r--r--");
    assertThat(Files.mismatch(jar, asset.resolve("lib").resolve(jar.getFileName()))).isEqualTo(-1L);
  }

  @Test
  void runScript_unsetsTheHandler_andExecsTheApplicationWithTheStreamProfile(@TempDir Path bin) throws Exception {
    // given: a java that prints what it was started with
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"_HANDLER=${_HANDLER-unset}\"\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path asset = streamingAsset();
    ProcessBuilder run = new ProcessBuilder(asset.resolve("run.sh").toString()).redirectErrorStream(true);
    run.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    run.environment().put("LAMBDA_TASK_ROOT", asset.toString());
    run.environment().put("_HANDLER", "run.sh");

    // when
    Process process = run.start();
    List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    // then
    assertThat(process.waitFor()).isZero();
    assertThat(lines.getFirst()).isEqualTo("_HANDLER=unset");
    List<String> args = lines.subList(1, lines.size());
    assertThat(args).containsSequence("-cp", asset + "/lib/*")
        .containsSequence("-Dspring.profiles.active=stream", MAIN_CLASS)
        .endsWith(MAIN_CLASS);
  }

  /** The staged asset directory of the streaming function ({@code asset.<hash>} next to the template). */
  private static Path streamingAsset() {
    @SuppressWarnings("unchecked")
    String key = (String) ((Map<String, Object>) function("run.sh").get("Code")).get("S3Key");
    String outdir = Stage.of(SynthesizedStack.defaultMode().stack()).getOutdir();
    return Path.of(outdir, "asset." + key.replace(".zip", ""));
  }

  private static Map<String, Object> function(String handler, String... definition) {
    return properties(template, "AWS::Lambda::Function").stream()
        .filter(f -> handler.equals(f.get("Handler")))
        .filter(f -> definition.length == 0
            || definition[0].equals(variables(f).get("SPRING_CLOUD_FUNCTION_DEFINITION")))
        .reduce((a, b) -> {
          throw new IllegalStateException("more than one function with handler " + handler);
        })
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Map<String, Object> function) {
    return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
  }

  /** The statements of one role's policy, its own log group written as {@code OwnLogs}. */
  private static List<String> statementsOf(String rolePrefix) {
    String ownLogs = rolePrefix.replace("Role", "Logs") + "[0-9A-F]{8}";
    return statements(template).stream().filter(s -> s.policyId().startsWith(rolePrefix))
        .map(s -> json(s.statement()).replaceAll(ownLogs, "OwnLogs")).toList();
  }
}
