package com.securemodel.core.bytez;

import com.securemodel.core.tenant.ClientId;

/** A job worker message: which client's job for which model. */
public record ModelJobTask(ClientId clientId, String modelId) {
}
