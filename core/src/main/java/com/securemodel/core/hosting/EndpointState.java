package com.securemodel.core.hosting;

/**
 * What {@code DescribeEndpoint} says.
 *
 * @param failureReason SageMaker's reason when failed, else null
 */
public record EndpointState(Status status, String failureReason, int currentInstanceCount) {

    public enum Status { CREATING, UPDATING, IN_SERVICE, FAILED, DELETING, NOT_FOUND, OTHER }

    public static EndpointState notFound() {
        return new EndpointState(Status.NOT_FOUND, null, 0);
    }
}
