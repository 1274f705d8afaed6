package com.securemodel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The HTTP API function's code as a custom-runtime bundle ({@code -c httpApiBundle=DIR}): what the cold-start
 * benchmark writes with {@code bundle=DIR} (README "Cold start"), zipped as it is. Lambda runs its {@code bootstrap},
 * which starts the bundle's own Java runtime image ({@code jre/}) on the functions jar ({@code app.jar}) and the
 * runtime interface client ({@code ric.jar}) with the AOT cache ({@code app.aot}) that this runtime recorded while
 * serving sample events. An AOT cache only fits the runtime that made it: that is why the runtime travels with it.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html">Building a custom runtime for
 *     Lambda</a>
 * @see <a href="https://openjdk.org/jeps/483">JEP 483: Ahead-of-Time Class Loading &amp; Linking</a>
 */
public final class AotBundle {

  /** What a bundle holds; synthesis stops with the first one missing. */
  public static final List<String> FILES = List.of("bootstrap", "jre/bin/java", "app.jar", "ric.jar", "app.aot");

  private AotBundle() {
  }

  /**
   * @return the bundle in {@code dir} as a code asset, after checking that it is complete and holds the same build of
   *     the functions jar as {@code functionsJar}, which every other function runs: a bundle written before the last
   *     build would deploy the HTTP API at another version than the workers
   */
  public static Code code(String dir, String functionsJar) {
    Path root = Path.of(dir);
    for (String file : FILES) {
      if (!Files.isRegularFile(root.resolve(file))) {
        throw new IllegalArgumentException("httpApiBundle " + dir + " has no " + file + ": write the bundle with the"
            + " cold-start benchmark's bundle=DIR (README \"Cold start\") before synthesizing");
      }
    }
    if (!Files.isExecutable(root.resolve("bootstrap"))) {
      throw new IllegalArgumentException("httpApiBundle " + dir + ": bootstrap is not executable");
    }
    try {
      if (Files.mismatch(root.resolve("app.jar"), Path.of(functionsJar)) != -1) {
        throw new IllegalArgumentException("httpApiBundle " + dir + " holds another build of the functions jar than "
            + functionsJar + ": write the bundle again after the build (README \"Cold start\")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Code.fromAsset(dir);
  }
}
