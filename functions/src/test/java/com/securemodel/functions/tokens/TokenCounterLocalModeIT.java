package com.securemodel.functions.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.tokens.TokenCount;
import com.securemodel.core.tokens.TokenCounter;
import com.securemodel.functions.LocalModeTestSupport;
import com.securemodel.localstack.llm.TinyModelGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The {@link TokenCounter} bean in local mode: the tiny model counts with its GGUF vocabulary. */
class TokenCounterLocalModeIT extends LocalModeTestSupport {

    @Autowired
    TokenCounter tokenCounter;

    @Test
    void tinyModel_countsWithItsGgufVocabulary() {
        TokenCount count = tokenCounter.count(TinyModelGenerator.MODEL_ID, "Hello world", null);

        assertThat(count).isEqualTo(new TokenCount(13, TinyModelGenerator.MODEL_ID, "gguf_vocabulary"));
    }

    @Test
    void unknownModel_countsWithCl100k() {
        assertThat(tokenCounter.count("acme/none", "hello world", null))
                .isEqualTo(new TokenCount(2, "cl100k_base", "openai_tokenizer"));
    }
}
