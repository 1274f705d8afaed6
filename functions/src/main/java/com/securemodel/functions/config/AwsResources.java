package com.securemodel.functions.config;

/**
 * The AWS resources the service uses, by name. On AWS they come from {@link ServiceProperties} (the CDK stack
 * sets them); local mode creates them in the local cloud first.
 *
 * @param asyncQueueUrl the queue of requests accepted with {@code Prefer: respond-async}
 */
public record AwsResources(String tableName, String provisioningQueueUrl, String asyncQueueUrl,
                           String modelJobQueueUrl) {
}
