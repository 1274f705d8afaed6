package com.securemodel.localstack.llm;

/**
 * One loaded model that generates text. Implementations serialise or parallelise calls as they see fit;
 * the SageMaker emulator bounds concurrency per endpoint itself (one slot per instance).
 */
public interface TextGenerator extends AutoCloseable {

    /**
     * Generates a completion.
     *
     * @param spec what to generate (prompt or chat messages, sampling parameters)
     * @param onToken called once per generated token, in order, as soon as it is produced; may be {@link TokenListener#NONE}
     * @return the whole generation once it has finished
     * @throws IllegalArgumentException when the spec cannot be served by this model (message says what to fix)
     */
    Generation generate(GenerationSpec spec, TokenListener onToken);

    /** The model's id as the catalog knows it. */
    String modelId();

    @Override
    void close();
}
