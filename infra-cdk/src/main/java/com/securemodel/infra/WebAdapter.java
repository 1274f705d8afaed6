package com.securemodel.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.AssetHashType;
import software.amazon.awscdk.BundlingOptions;
import software.amazon.awscdk.BundlingOutput;
import software.amazon.awscdk.DockerImage;
import software.amazon.awscdk.ILocalBundling;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.s3.assets.AssetOptions;

/**
 * The functions jar launched under the AWS Lambda Web Adapter (LWA), for streaming: Java's managed runtime cannot
 * stream a response, so the same shaded jar runs as a Spring Boot web server (profile {@code stream}, on
 * {@code 127.0.0.1:}{@value #PORT}) on the Java 21 runtime, and the adapter's public layer turns each Function URL
 * request into an HTTP request to it and streams the answer back ({@code AWS_LWA_INVOKE_MODE=response_stream}).
 *
 * <p>The layer is LWA v1.1.0, layer version {@value #LAYER_VERSION} (aws/aws-lambda-web-adapter#871), published by
 * account {@value #LAYER_ACCOUNT} in the commercial regions. The code asset is a directory assembled at synth time by
 * CDK local bundling (no Docker): the handler {@code run.sh} (checked in as {@code src/main/resources/lwa/run.sh})
 * and {@code lib/<the jar>}.
 *
 * <p>SnapStart stays on, as for the other functions: it belongs to the Java runtime, not to the handler, and the
 * adapter's own examples use it with {@code run.sh}. Init ends when the adapter's readiness check
 * ({@code GET /health}) passes, so the snapshot holds a started Spring application, and the snapshot's init may take
 * longer than the 10 s an on-demand init gets. The application runs without Lambda's runtime client in its JVM, so
 * in-process snapshot hooks ({@code org.crac}) do not fire; it must not rely on them (the adapter from v1.1.0 can
 * call HTTP hooks, {@code AWS_LWA_SNAPSTART_BEFORE_CHECKPOINT_PATH} and {@code ..._AFTER_RESTORE_PATH}, not set
 * here as the application has none).
 *
 * @see <a href="https://github.com/aws/aws-lambda-web-adapter#zip-packages">Lambda Web Adapter with zip packages</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/configuration-response-streaming.html">Lambda
 *     response streaming</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html">Lambda SnapStart</a>
 */
public final class WebAdapter {

  public static final String LAYER_ACCOUNT = "753240598075";
  public static final int LAYER_VERSION = 30;
  public static final String HANDLER = "run.sh";
  public static final int PORT = 8080;
  public static final String READINESS_CHECK_PATH = "/health";

  private static final String RUN_SCRIPT = "/lwa/run.sh";

  private WebAdapter() {
  }

  /** Handler {@code run.sh}, the x86_64 adapter layer in the stack's region, and the adapter's settings. */
  public static ServiceFunction.Launch launch(Stack stack) {
    return new ServiceFunction.Launch(HANDLER, List.of(layerArn(stack)), Map.of(
        "AWS_LAMBDA_EXEC_WRAPPER", "/opt/bootstrap",
        "AWS_LWA_INVOKE_MODE", "response_stream",
        "AWS_LWA_PORT", String.valueOf(PORT),
        "AWS_LWA_READINESS_CHECK_PATH", READINESS_CHECK_PATH),
        " (web routes under the Lambda Web Adapter, streaming)");
  }

  /** {@code arn:<partition>:lambda:<region>:753240598075:layer:LambdaAdapterLayerX86:<version>}. */
  public static String layerArn(Stack stack) {
    return stack.formatArn(ArnComponents.builder()
        .service("lambda").account(LAYER_ACCOUNT).resource("layer")
        .resourceName("LambdaAdapterLayerX86:" + LAYER_VERSION)
        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
        .build());
  }

  /**
   * The asset directory built from {@code jar} at synth time. Bundling needs a source directory: the jar's, of which
   * only the jar is taken; the asset hash is the output's ({@code run.sh} and the jar), so a new jar or script is a new
   * asset and nothing else in that directory matters. The Docker image is never pulled: local bundling always
   * succeeds (CDK falls back to Docker only when it returns false).
   */
  public static Code code(String jar) {
    Path jarPath = Path.of(jar).toAbsolutePath();
    return Code.fromAsset(jarPath.getParent().toString(), AssetOptions.builder()
        .assetHashType(AssetHashType.OUTPUT)
        .bundling(BundlingOptions.builder()
            .image(DockerImage.fromRegistry("unused-local-bundling"))
            .local(new LocalAssembly(jarPath))
            .outputType(BundlingOutput.NOT_ARCHIVED)
            .build())
        .build());
  }

  /**
   * Writes {@code run.sh} (world-readable and executable: Lambda runs the handler as an unprivileged user) and
   * {@code lib/<jar's name>} (world-readable) into {@code dir}.
   */
  static void assemble(Path jar, Path dir) {
    try {
      Path lib = Files.createDirectories(dir.resolve("lib"));
      Path jarCopy = lib.resolve(jar.getFileName());
      Files.copy(jar, jarCopy, StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(jarCopy, PosixFilePermissions.fromString("rw-r--r--"));
      Path script = dir.resolve(HANDLER);
      try (InputStream in = WebAdapter.class.getResourceAsStream(RUN_SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException(RUN_SCRIPT + " is missing from the infra-cdk classpath");
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot assemble the web adapter asset in " + dir, e);
    }
  }

  /** CDK local bundling; a class with a method only, as jsii calls {@code tryBundle} back from the CDK. */
  private static final class LocalAssembly implements ILocalBundling {
    private final Path jar;

    LocalAssembly(Path jar) {
      this.jar = jar;
    }

    @Override
    public Boolean tryBundle(String outputDir, BundlingOptions options) {
      assemble(jar, Path.of(outputDir));
      return true;
    }
  }
}
