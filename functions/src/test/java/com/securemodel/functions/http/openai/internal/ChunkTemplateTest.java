package com.securemodel.functions.http.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securemodel.functions.http.openai.OpenAiJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chunk filled from the template has exactly the bytes of the chunk written whole. */
class ChunkTemplateTest {

    private final ObjectMapper json = OpenAiJson.create();

    private String whole(String text) throws Exception {
        return "data: " + json.writeValueAsString(new OpenAiViews.ChatChunk("chatcmpl-1", "chat.completion.chunk", 7,
                "a \"model\"/x", List.of(new OpenAiViews.ChunkChoice(0, new OpenAiViews.Delta(null, text), null,
                null)), null, "securemodel")) + "\n\n";
    }

    @Test
    void filledTemplate_equalsTheWholeChunk_forAnyText() throws Exception {
        CompletionHandlers.ChunkTemplate template = new CompletionHandlers.ChunkTemplate(
                whole(CompletionHandlers.ChunkTemplate.MARK));

        for (String text : List.of("a", " the", "\"quoted\"", "line\nbreak\ttab", "back\\slash", "é", "😀", "\u0001",
                "</script>", "")) {
            assertThat(template.with(text)).as(text).isEqualTo(whole(text));
        }
    }
}
