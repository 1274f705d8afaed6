package com.securemodel.localstack;

import java.net.URI;
import java.time.Duration;

/**
 * One running part of the local cloud.
 *
 * @param name the AWS service it stands in for, for example {@code DynamoDB}
 * @param endpoint the URL clients pass to {@code endpointOverride}
 * @param startTime how long it took to start
 */
public record StartedPart(String name, URI endpoint, Duration startTime) {
}
