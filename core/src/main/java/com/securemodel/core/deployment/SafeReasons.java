package com.securemodel.core.deployment;

import java.util.regex.Pattern;

/**
 * Strips what a client must not read from a reason SageMaker wrote: ARNs and 12-digit account ids (a shared
 * account's identity) become placeholders.
 */
final class SafeReasons {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[^\\s\"',;]+");
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

    private SafeReasons() {
    }

    static String scrub(String reason) {
        if (reason == null) {
            return null;
        }
        return ACCOUNT_ID.matcher(ARN.matcher(reason).replaceAll("<arn>")).replaceAll("<account>");
    }
}
