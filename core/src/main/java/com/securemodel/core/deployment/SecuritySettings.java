package com.securemodel.core.deployment;

/** The {@code security_settings} of a deployment; null fields were not given. */
public record SecuritySettings(Boolean networkIsolation, Boolean privateEndpoints, String encryptionLevel,
                               Boolean auditLogging, String complianceMode) {

    public static final SecuritySettings EMPTY = new SecuritySettings(null, null, null, null, null);
}
