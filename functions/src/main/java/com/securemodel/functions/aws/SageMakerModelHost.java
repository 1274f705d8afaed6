package com.securemodel.functions.aws;

import com.securemodel.core.error.ErrorCode;
import com.securemodel.core.error.ServiceException;
import com.securemodel.core.hosting.EndpointSpec;
import com.securemodel.core.hosting.EndpointState;
import com.securemodel.core.hosting.ModelHost;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateEndpointConfigRequest;
import software.amazon.awssdk.services.sagemaker.model.CreateModelRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * The SageMaker control plane. Creating what exists and deleting what is gone succeed: SageMaker answers both with
 * a {@code ValidationException} ("Cannot create already existing ...", "Could not find ..."), which this adapter
 * treats as done, so a redelivered provisioning message creates nothing twice. {@code KmsKeyId} is sent only when
 * the spec has one (never for instance types with local NVMe, where SageMaker rejects it).
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html">CreateEndpointConfig</a>
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeEndpoint.html">DescribeEndpoint</a>
 */
public final class SageMakerModelHost implements ModelHost {

    static final String VARIANT = "AllTraffic";
    private static final Logger LOG = LoggerFactory.getLogger(SageMakerModelHost.class);

    private final Supplier<SageMakerClient> client;

    public SageMakerModelHost(SageMakerClient sageMaker) {
        this(() -> sageMaker);
    }

    /**
     * @param client builds the client when the first SageMaker call needs it: building one loads hundreds of request
     *        classes, which a function that never calls SageMaker (most {@code httpApi} requests) should not pay for
     */
    public SageMakerModelHost(Supplier<SageMakerClient> client) {
        this.client = client;
    }

    private SageMakerClient sageMaker() {
        return client.get();
    }

    @Override
    public void createEndpoint(EndpointSpec spec) {
        createModelAndConfig(spec);
        createIfAbsent("endpoint " + spec.endpointName(), () -> sageMaker().createEndpoint(b -> b
                .endpointName(spec.endpointName()).endpointConfigName(spec.endpointConfigName())));
    }

    @Override
    public void updateEndpoint(EndpointSpec spec) {
        createModelAndConfig(spec);
        call("update endpoint " + spec.endpointName(), () -> sageMaker().updateEndpoint(b -> b
                .endpointName(spec.endpointName()).endpointConfigName(spec.endpointConfigName())));
    }

    @Override
    public EndpointState describeEndpoint(String endpointName) {
        DescribeEndpointResponse response;
        try {
            response = sageMaker().describeEndpoint(b -> b.endpointName(endpointName));
        } catch (AwsServiceException e) {
            if (isNotFound(e)) {
                return EndpointState.notFound();
            }
            throw translate("describe endpoint " + endpointName, e);
        } catch (SdkException e) {
            throw translate("describe endpoint " + endpointName, e);
        }
        int instances = response.hasProductionVariants() ? response.productionVariants().stream()
                .mapToInt(v -> v.currentInstanceCount() == null ? 0 : v.currentInstanceCount()).sum() : 0;
        return new EndpointState(status(response), response.failureReason(), instances,
                response.endpointConfigName());
    }

    @Override
    public void deleteEndpoint(String endpointName, String endpointConfigName, String modelName) {
        deleteIfPresent("endpoint " + endpointName, () -> sageMaker().deleteEndpoint(b -> b.endpointName(endpointName)));
        deleteIfPresent("endpoint config " + endpointConfigName,
                () -> sageMaker().deleteEndpointConfig(b -> b.endpointConfigName(endpointConfigName)));
        deleteIfPresent("model " + modelName, () -> sageMaker().deleteModel(b -> b.modelName(modelName)));
    }

    @Override
    public void deleteModelAndConfig(String endpointConfigName, String modelName) {
        deleteIfPresent("endpoint config " + endpointConfigName,
                () -> sageMaker().deleteEndpointConfig(b -> b.endpointConfigName(endpointConfigName)));
        deleteIfPresent("model " + modelName, () -> sageMaker().deleteModel(b -> b.modelName(modelName)));
    }

    private void createModelAndConfig(EndpointSpec spec) {
        createIfAbsent("model " + spec.modelName(), () -> sageMaker().createModel(createModel(spec)));
        createIfAbsent("endpoint config " + spec.endpointConfigName(),
                () -> sageMaker().createEndpointConfig(createEndpointConfig(spec)));
    }

    static CreateModelRequest createModel(EndpointSpec spec) {
        return CreateModelRequest.builder().modelName(spec.modelName())
                .primaryContainer(c -> c.image(spec.container().image())
                        .environment(spec.container().environment()))
                .executionRoleArn(spec.executionRoleArn())
                .enableNetworkIsolation(spec.networkIsolation())
                .build();
    }

    static CreateEndpointConfigRequest createEndpointConfig(EndpointSpec spec) {
        String instanceType = spec.instanceType().startsWith("ml.") ? spec.instanceType()
                : "ml." + spec.instanceType();
        CreateEndpointConfigRequest.Builder request = CreateEndpointConfigRequest.builder()
                .endpointConfigName(spec.endpointConfigName())
                .productionVariants(ProductionVariant.builder().variantName(VARIANT).modelName(spec.modelName())
                        .instanceType(instanceType).initialInstanceCount(spec.initialInstanceCount()).build());
        if (spec.kmsKeyId() != null) {
            request.kmsKeyId(spec.kmsKeyId());
        }
        return request.build();
    }

    private static EndpointState.Status status(DescribeEndpointResponse response) {
        return switch (response.endpointStatusAsString() == null ? "" : response.endpointStatusAsString()) {
            case "Creating", "SystemUpdating" -> EndpointState.Status.CREATING;
            case "Updating", "RollingBack" -> EndpointState.Status.UPDATING;
            case "InService" -> EndpointState.Status.IN_SERVICE;
            case "Failed" -> EndpointState.Status.FAILED;
            case "UpdateRollbackFailed" -> EndpointState.Status.UPDATE_ROLLBACK_FAILED;
            case "Deleting" -> EndpointState.Status.DELETING;
            default -> EndpointState.Status.OTHER;
        };
    }

    private static void createIfAbsent(String what, Runnable create) {
        try {
            create.run();
        } catch (AwsServiceException e) {
            if (!isValidation(e) || !message(e).contains("already exist")) {
                throw translate("create " + what, e);
            }
            LOG.debug("SageMaker {} exists already", what);
        } catch (SdkException e) {
            throw translate("create " + what, e);
        }
    }

    private static void deleteIfPresent(String what, Runnable delete) {
        try {
            delete.run();
        } catch (AwsServiceException e) {
            if (!isNotFound(e)) {
                throw translate("delete " + what, e);
            }
            LOG.debug("SageMaker {} is gone already", what);
        } catch (SdkException e) {
            throw translate("delete " + what, e);
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(what, e);
        }
    }

    private static final java.util.regex.Pattern ARN = java.util.regex.Pattern.compile("arn:aws[a-z-]*:[^\\s\"',;]+");
    private static final java.util.regex.Pattern ACCOUNT_ID = java.util.regex.Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

    private static String scrub(String text) {
        return ACCOUNT_ID.matcher(ARN.matcher(text).replaceAll("<arn>")).replaceAll("<account>");
    }

    private static boolean isNotFound(AwsServiceException e) {
        return isValidation(e) && message(e).contains("Could not find");
    }

    private static boolean isValidation(AwsServiceException e) {
        return e.awsErrorDetails() != null && "ValidationException".equals(e.awsErrorDetails().errorCode());
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
                : e.awsErrorDetails().errorMessage();
    }

    /**
     * A request SageMaker refuses is a deployment error. Only a {@code ValidationException} (about the request the
     * client's settings made) passes SageMaker's text on, without ARNs or account ids; an account limit, a denied
     * permission or any other refusal gets a reason of the service's own, since SageMaker's text there names the
     * service's account, role and the other clients' usage. Throttling, 5xx and network failures are worth a retry.
     */
    static ServiceException translate(String what, SdkException e) {
        if (e instanceof AwsServiceException aws && aws.statusCode() >= 400 && aws.statusCode() < 500
                && !aws.isThrottlingException()) {
            String code = aws.awsErrorDetails() == null ? "" : aws.awsErrorDetails().errorCode();
            String reason = switch (code == null ? "" : code) {
                case "ValidationException" -> scrub(message(aws));
                case "ResourceLimitExceeded" -> "the service has no capacity left for this instance type; choose"
                        + " another instance type or try again later";
                case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation" ->
                        "the service is not permitted to do this; contact support";
                default -> "the request was refused (" + code + "); contact support";
            };
            return new ServiceException(ErrorCode.DEPLOYMENT_ERROR, "SageMaker refused to " + what + ": " + reason,
                    e);
        }
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, "SageMaker is unavailable (" + what
                + "); retry shortly", e);
    }
}
