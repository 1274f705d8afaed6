package com.securemodel.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * One synthesized variant of the app (default mode or VPC mode), built once per JVM and shared by the test classes.
 * Uses the real functions jar when it has been built, a placeholder jar under {@code target/} otherwise.
 */
record SynthesizedStack(SecureModelStack stack, Template template, List<SynthesisMessage> nagErrors, long millis) {

  private static final Map<String, SynthesizedStack> CACHE = new ConcurrentHashMap<>();

  static SynthesizedStack defaultMode() {
    return CACHE.computeIfAbsent("default", SynthesizedStack::synthesize);
  }

  static SynthesizedStack vpcMode() {
    return CACHE.computeIfAbsent("vpc", SynthesizedStack::synthesize);
  }

  /** Default mode with the HTTP API function from a custom-runtime bundle ({@code -c httpApiBundle}). */
  static SynthesizedStack bundleMode() {
    return CACHE.computeIfAbsent("bundle", SynthesizedStack::synthesize);
  }

  private static SynthesizedStack synthesize(String mode) {
    long start = System.nanoTime();
    boolean vpc = mode.equals("vpc");
    Map<String, Object> context = new HashMap<>();
    context.put("functionsJar", functionsJar().toString());
    context.put("vpc", String.valueOf(vpc));
    if (mode.equals("bundle")) {
      context.put("httpApiBundle", placeholderBundle(functionsJar()).toString());
    }
    App app = new App(AppProps.builder()
        .outdir(Path.of("target", "cdk-test", mode).toString())
        .context(context)
        .build());
    SecureModelStack stack = SecureModelApp.create(app);
    Template template = Template.fromStack(stack);
    List<SynthesisMessage> errors = Annotations.fromStack(stack)
        .findError("*", Match.stringLikeRegexp("(AwsSolutions|HIPAA\\.Security)-.*"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("Synthesized %s (%s mode) with cdk-nag in %d ms%n", SecureModelApp.STACK_NAME, mode, millis);
    return new SynthesizedStack(stack, template, errors, millis);
  }

  /**
   * A bundle's files with placeholder contents but {@code functionsJar} as its jar: synthesis zips the folder and
   * checks that nothing is missing and that the jar is the one the other functions run.
   */
  static Path placeholderBundle(Path functionsJar) {
    Path dir = Path.of("target", "test-assets", "http-api-bundle");
    try {
      for (String file : AotBundle.FILES) {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "placeholder of the custom-runtime bundle's " + file);
      }
      Files.copy(functionsJar, dir.resolve("app.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      dir.resolve("bootstrap").toFile().setExecutable(true);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path functionsJar() {
    Path real = Path.of(StackSettings.DEFAULT_FUNCTIONS_JAR);
    if (Files.isRegularFile(real)) {
      return real;
    }
    Path placeholder = Path.of("target", "test-assets", "functions-placeholder-aws.jar");
    try {
      Files.createDirectories(placeholder.getParent());
      try (OutputStream out = Files.newOutputStream(placeholder); JarOutputStream jar = new JarOutputStream(out)) {
        jar.putNextEntry(new JarEntry("PLACEHOLDER"));
        jar.write("functions jar not built; infra-cdk test placeholder".getBytes());
        jar.closeEntry();
      }
      return placeholder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
