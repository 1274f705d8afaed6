package com.securemodel.functions.aws;

import com.securemodel.localstack.LocalCloudExtension;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Resolves {@link AwsEndpoints} parameters: the local cloud of this JVM, or, for a class marked
 * {@link OnLocalStack}, one LocalStack container per JVM (DynamoDB, SQS, S3), started on first use. Classes marked
 * {@link OnLocalStack} are skipped when no Docker engine answers.
 */
public final class AwsBackendExtension implements ParameterResolver, ExecutionCondition {

    /** The LocalStack image the tests pin (its free edition: DynamoDB, SQS and S3, no SageMaker). */
    static final DockerImageName LOCALSTACK = DockerImageName.parse("localstack/localstack:4.4");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AwsBackendExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!onLocalStack(context)) {
            return ConditionEvaluationResult.enabled("local cloud backend");
        }
        return dockerAvailable() ? ConditionEvaluationResult.enabled("Docker engine found: LocalStack backend")
                : ConditionEvaluationResult.disabled("LocalStack backend skipped: no Docker engine on this machine");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!onLocalStack(context)) {
            return AwsEndpoints.of(LocalCloudExtension.localCloud(context));
        }
        LocalStackContainer container = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Running.class, key -> new Running(start()), Running.class).container();
        return new AwsEndpoints("LocalStack", container.getEndpoint(), container.getEndpoint(),
                container.getEndpoint(), container.getRegion(), container.getAccessKey(), container.getSecretKey());
    }

    private static boolean onLocalStack(ExtensionContext context) {
        return context.getTestClass().map(type -> type.isAnnotationPresent(OnLocalStack.class)).orElse(false);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static LocalStackContainer start() {
        LocalStackContainer container = new LocalStackContainer(LOCALSTACK).withServices(
                LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SQS, LocalStackContainer.Service.S3);
        container.start();
        return container;
    }

    private record Running(LocalStackContainer container) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            container.stop();
        }
    }
}
