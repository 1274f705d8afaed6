package com.securemodel.core.bytez;

/** Port: reads a model's metadata from its artifacts. */
public interface ModelInspector {

    /**
     * @throws ModelUnreadableException when the model's artifacts are missing or unreadable (the message says why,
     *         for the job's answer); other exceptions mean an outage and the job is retried
     */
    ModelMetadata inspect(String modelId);
}
