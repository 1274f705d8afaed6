package com.securemodel.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link LocalCloud} per test JVM, on free ports, with its models directory at
 * {@code target/local-cloud/models}, and injects it into test constructors and methods that declare a
 * {@code LocalCloud} parameter. It is kept in the root extension context store, so JUnit closes it when the
 * test run of this JVM ends.
 *
 * <pre>{@code
 * @ExtendWith(LocalCloudExtension.class)
 * class QueueIT {
 *     @Test
 *     void sendMessage_whenQueueExists_returnsMessageId(LocalCloud cloud) { ... }
 * }
 * }</pre>
 */
public final class LocalCloudExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalCloudExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return localCloud(context);
    }

    /**
     * @param context any extension context of the running test
     * @return the local cloud of this JVM, started on first use
     */
    public static LocalCloud localCloud(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> new Running(startOnFreePorts()), Running.class)
                .cloud();
    }

    private static LocalCloud startOnFreePorts() {
        Path modelsDir = Path.of(System.getProperty("basedir", "."), "target", "local-cloud", "models");
        try {
            Files.createDirectories(modelsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local cloud models directory " + modelsDir, e);
        }
        return LocalCloud.start(LocalCloudConfig.freePorts().withModelsDir(modelsDir.toAbsolutePath()));
    }

    private record Running(LocalCloud cloud) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cloud.close();
        }
    }
}
