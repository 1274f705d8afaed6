package com.securemodel.localstack.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securemodel.localstack.llm.ChatMessage;
import com.securemodel.localstack.llm.GenerationSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceMappingTest {

    @Test
    void validate_rejectsBadParametersWithTgiWording() {
        assertInvalid(spec(0, null, null, null, null, List.of()), "`max_new_tokens` must be strictly positive");
        assertInvalid(spec(5, -0.1, null, null, null, List.of()), "`temperature` must be strictly positive");
        assertInvalid(spec(5, null, 1.5, null, null, List.of()), "`top_p` must be > 0.0 and <= 1.0");
        assertInvalid(spec(5, null, 0.0, null, null, List.of()), "`top_p` must be > 0.0 and <= 1.0");
        assertInvalid(spec(5, null, null, 0, null, List.of()), "`top_k` must be strictly positive");
        assertInvalid(spec(5, null, null, null, 0.0, List.of()), "`repetition_penalty` must be strictly positive");
        assertInvalid(spec(5, null, null, null, null, List.of("a", "b", "c", "d", "e")),
                "`stop` supports up to 4 stop sequences. Given: 5");
        assertInvalid(GenerationSpec.ofPrompt("", 5), "`inputs` cannot be empty");
        assertInvalid(new GenerationSpec("x", List.of(new ChatMessage("user", "y")), 5, null, null, null, null, null,
                null, false), "exactly one of `inputs` and `messages` must be given");
    }

    @Test
    void validate_acceptsTopPOfOneAndTemperatureZero() {
        InferenceMapping.validate(spec(5, 0.0, 1.0, 3, 1.1, List.of("x")));
    }

    @Test
    void samples_followsTgi_doSampleOrAnyWarper() {
        assertThat(InferenceMapping.samples(GenerationSpec.ofPrompt("x", 5))).isFalse();
        assertThat(InferenceMapping.samples(spec(5, 1.0, null, null, null, List.of()))).isFalse();
        assertThat(InferenceMapping.samples(spec(5, 0.7, null, null, null, List.of()))).isTrue();
        assertThat(InferenceMapping.samples(spec(5, null, 0.9, null, null, List.of()))).isTrue();
        assertThat(InferenceMapping.samples(new GenerationSpec("x", null, 5, null, null, null, null, null, null, true)))
                .isTrue();
    }

    @Test
    void toInference_greedyUnlessSampling_andSeedFolded() {
        String greedy = InferenceMapping.toInference(GenerationSpec.ofPrompt("x", 5), "x").toString();
        String sampled = InferenceMapping.toInference(
                new GenerationSpec("x", null, 7, null, 0.9, 40, 1.2, null, -1L, true), "x").toString();

        assertThat(greedy).contains("\"n_predict\": 5").contains("\"temperature\": 0.0").contains("\"top_k\": 1");
        assertThat(sampled).contains("\"temperature\": 1.0").contains("\"top_p\": 0.9").contains("\"top_k\": 40")
                .contains("\"repeat_penalty\": 1.2").contains("\"seed\": " + (Integer.MAX_VALUE - 1));
    }

    private static GenerationSpec spec(int max, Double temperature, Double topP, Integer topK, Double penalty,
                                       List<String> stop) {
        return new GenerationSpec("hello", null, max, temperature, topP, topK, penalty, stop, null, false);
    }

    private static void assertInvalid(GenerationSpec spec, String message) {
        assertThatThrownBy(() -> InferenceMapping.validate(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
