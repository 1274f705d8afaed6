package com.securemodel.localstack.sagemaker.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The SageMaker runtime's error shapes (REST-JSON; the code is in {@code x-amzn-ErrorType}).
 *
 * @see <a href="https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html#API_runtime_InvokeEndpoint_Errors">InvokeEndpoint errors</a>
 */
final class RuntimeErrors {

    private RuntimeErrors() {
    }

    /** What SageMaker answers for an endpoint that does not exist or is not in service (yet). */
    static AwsErrorException endpointNotFound(String endpointName) {
        return AwsErrorException.runtime(400, "ValidationError", Json.object().put("message", "Endpoint "
                + endpointName + " of account " + Arns.ACCOUNT + " not found."));
    }

    static AwsErrorException validation(String message) {
        return AwsErrorException.runtime(400, "ValidationError", Json.object().put("message", message));
    }

    /** Every instance is busy and the queue is full; the SDK retries this as throttling. */
    static AwsErrorException throttled(String endpointName, InstancePool pool) {
        return AwsErrorException.runtime(400, "ThrottlingException", Json.object().put("message", "Rate exceeded:"
                + " all " + pool.size() + " instances of variant " + pool.variantName() + " of endpoint "
                + endpointName + " are busy and the queue is full; retry with backoff or add instances"));
    }

    /** The container answered an error status: SageMaker relays it as a {@code ModelError} (HTTP 424). */
    static AwsErrorException modelError(String endpointName, String region, ContainerRejection rejection) {
        int status = rejection.status();
        String kind = status < 500 ? "client" : "server";
        String logGroup = "/aws/sagemaker/Endpoints/" + endpointName;
        ObjectNode body = Json.object()
                .put("ErrorCode", status < 500 ? "CLIENT_ERROR_FROM_MODEL" : "INTERNAL_FAILURE_FROM_MODEL")
                .put("LogStreamArn", "arn:aws:logs:" + region + ":" + Arns.ACCOUNT + ":log-group:" + logGroup)
                .put("Message", "Received " + kind + " error (" + status + ") from primary with message \""
                        + rejection.tgiBody() + "\". See the emulator's log group " + logGroup + " in account "
                        + Arns.ACCOUNT + " for more information.")
                .put("OriginalMessage", rejection.tgiBody())
                .put("OriginalStatusCode", status);
        return AwsErrorException.runtime(424, "ModelError", body);
    }
}
