package com.securemodel.functions.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.securemodel.core.generation.ChatMessage;
import com.securemodel.functions.tokens.internal.ChatTemplate;
import com.securemodel.functions.tokens.internal.ChatTemplateRenderer;
import com.securemodel.localstack.llm.TinyModelGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplateRendererTest {

    private final ChatTemplateRenderer renderer = new ChatTemplateRenderer();

    @Test
    void render_keepsTemplateSyntaxInMessagesAsText() {
        var template = new ChatTemplate(TinyModelGenerator.CHAT_TEMPLATE, "<s>", "</s>");

        String rendered = renderer.render(template, List.of(new ChatMessage("user", "{{ 7 * 7 }} {% if x %}"))).orElseThrow();

        assertThat(rendered).isEqualTo("<|im_start|>user\n{{ 7 * 7 }} {% if x %}<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void render_passesBosTokenAndTrimsBlocks() {
        var template = new ChatTemplate("{{ bos_token }}\n{% for m in messages %}\n[{{ m.role }}]{{ m.content }}\n"
                + "{% endfor %}\n{% if add_generation_prompt %}[assistant]{% endif %}", "<s>", "</s>");

        String rendered = renderer.render(template, List.of(new ChatMessage("user", "hi"))).orElseThrow();

        assertThat(rendered).isEqualTo("<s>\n[user]hi\n[assistant]");
    }

    @Test
    void render_whenTemplateRaises_isEmpty() {
        var template = new ChatTemplate("{{ raise_exception('Conversation roles must alternate') }}", "", "");

        assertThat(renderer.render(template, List.of(new ChatMessage("user", "hi")))).isEmpty();
    }
}
