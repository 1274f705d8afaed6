package com.securemodel.localstack.llm.internal;

import com.securemodel.localstack.llm.GenerationSpec;
import de.kherud.llama.InferenceParameters;

/**
 * Checks a {@link GenerationSpec} the way TGI's router does (same error wording) and maps it to llama.cpp's
 * {@link InferenceParameters}. Decoding follows TGI: it samples when {@code do_sample} is set or when any of
 * temperature (other than 1), {@code top_p} (below 1) or {@code top_k} is given; otherwise it is greedy.
 *
 * @see <a href="https://huggingface.co/docs/text-generation-inference/main/en/reference/api_reference">TGI parameters</a>
 */
public final class InferenceMapping {

    /** TGI's default {@code max_stop_sequences}. */
    public static final int MAX_STOP_SEQUENCES = 4;
    static final float DEFAULT_TEMPERATURE = 1.0f;

    private InferenceMapping() {
    }

    /** @throws IllegalArgumentException with TGI's message for the first invalid parameter */
    public static void validate(GenerationSpec spec) {
        boolean hasPrompt = spec.prompt() != null;
        boolean hasMessages = spec.messages() != null;
        require(hasPrompt != hasMessages, "exactly one of `inputs` and `messages` must be given");
        require(!hasPrompt || !spec.prompt().isEmpty(), "`inputs` cannot be empty");
        require(!hasMessages || !spec.messages().isEmpty(), "`messages` cannot be empty");
        require(spec.maxNewTokens() > 0, "`max_new_tokens` must be strictly positive");
        require(spec.temperature() == null || spec.temperature() >= 0, "`temperature` must be strictly positive");
        require(spec.topP() == null || spec.topP() > 0 && spec.topP() <= 1, "`top_p` must be > 0.0 and <= 1.0");
        require(spec.topK() == null || spec.topK() > 0, "`top_k` must be strictly positive");
        require(spec.repetitionPenalty() == null || spec.repetitionPenalty() > 0,
                "`repetition_penalty` must be strictly positive");
        require(spec.stop().size() <= MAX_STOP_SEQUENCES,
                "`stop` supports up to " + MAX_STOP_SEQUENCES + " stop sequences. Given: " + spec.stop().size());
    }

    /** Whether the spec asks for sampling rather than greedy decoding (TGI's rule). */
    public static boolean samples(GenerationSpec spec) {
        boolean warpers = spec.temperature() != null && spec.temperature() != 1.0
                || spec.topP() != null && spec.topP() < 1.0
                || spec.topK() != null;
        return spec.doSample() || warpers;
    }

    /**
     * Maps a validated spec. Stop sequences are not passed on: the caller applies them, to know when one matched.
     */
    public static InferenceParameters toInference(GenerationSpec spec, String prompt) {
        var params = new InferenceParameters(prompt).setNPredict(spec.maxNewTokens());
        if (samples(spec) && (spec.temperature() == null || spec.temperature() > 0)) {
            params.setTemperature(spec.temperature() == null ? DEFAULT_TEMPERATURE : spec.temperature().floatValue());
            if (spec.topP() != null) {
                params.setTopP(spec.topP().floatValue());
            }
            if (spec.topK() != null) {
                params.setTopK(spec.topK());
            }
        } else {
            params.setTemperature(0f).setTopK(1);
        }
        if (spec.repetitionPenalty() != null) {
            params.setRepeatPenalty(spec.repetitionPenalty().floatValue());
        }
        if (spec.seed() != null) {
            params.setSeed(llamaSeed(spec.seed()));
        }
        return params;
    }

    /** llama.cpp seeds are unsigned 32-bit and treat 0xFFFFFFFF as "random": fold any long into [0, 2^31 - 1). */
    static int llamaSeed(long seed) {
        return (int) Math.floorMod(seed, (long) Integer.MAX_VALUE);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
