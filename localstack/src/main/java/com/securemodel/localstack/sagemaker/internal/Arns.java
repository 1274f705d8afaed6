package com.securemodel.localstack.sagemaker.internal;

import com.sun.net.httpserver.HttpExchange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ARNs of emulated resources: the region comes from the caller's SigV4 credential scope. */
final class Arns {

    /** The account every emulated resource belongs to (LocalStack's convention). */
    static final String ACCOUNT = "000000000000";
    static final String DEFAULT_REGION = "us-east-1";
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");

    private Arns() {
    }

    static String region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            return DEFAULT_REGION;
        }
        Matcher matcher = SCOPE.matcher(authorization);
        return matcher.find() ? matcher.group(1) : DEFAULT_REGION;
    }

    static String of(String region, String type, String name) {
        return "arn:aws:sagemaker:" + region + ":" + ACCOUNT + ":" + type + "/" + Names.key(name);
    }
}
