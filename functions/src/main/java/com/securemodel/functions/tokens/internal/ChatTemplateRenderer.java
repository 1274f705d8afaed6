package com.securemodel.functions.tokens.internal;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.securemodel.core.generation.ChatMessage;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a model's Jinja chat template with Jinjava as Hugging Face's {@code apply_chat_template} does:
 * {@code messages} ({@code role}, {@code content}), {@code add_generation_prompt=true}, {@code bos_token},
 * {@code eos_token}, {@code raise_exception(message)}, blocks trimmed ({@code trim_blocks}, {@code lstrip_blocks}).
 * Message text is data, never template: nested interpretation is off, so {@code {{ }}} in a message stays text.
 *
 * <p>When Jinjava cannot render a template (Jinja features it lacks, or the template raises), {@link #render}
 * returns empty and the caller renders {@link #chatMl(List)} instead.
 *
 * @see <a href="https://huggingface.co/docs/transformers/main/en/chat_templating">Chat templates</a>
 */
public final class ChatTemplateRenderer {

    private final Jinjava jinjava;

    public ChatTemplateRenderer() {
        JinjavaConfig config = JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withNestedInterpretationEnabled(false).withFailOnUnknownTokens(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true).build())
                .build();
        this.jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplateRenderer.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                ChatTemplateRenderer.class, "strftimeNow", String.class));
    }

    /** @return the rendered chat, or empty when the template cannot be rendered here */
    public Optional<String> render(ChatTemplate template, List<ChatMessage> messages) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        bindings.put("add_generation_prompt", true);
        bindings.put("bos_token", template.bosToken());
        bindings.put("eos_token", template.eosToken());
        try {
            RenderResult result = jinjava.renderForResult(template.source(), bindings);
            boolean fatal = result.getErrors().stream().anyMatch(e -> e.getSeverity() == TemplateError.ErrorType.FATAL);
            return fatal ? Optional.empty() : Optional.of(result.getOutput());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** ChatML ({@code <|im_start|>role\ncontent<|im_end|>\n} per message, then the assistant's opening). */
    public static String chatMl(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : messages) {
            out.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n");
        }
        return out.append("<|im_start|>assistant\n").toString();
    }

    /** {@code raise_exception(message)} of Hugging Face templates: fails the rendering. */
    public static String raiseException(String message) {
        throw new IllegalArgumentException("the chat template raised an exception");
    }

    /** {@code strftime_now(format)} of Llama 3.1+ templates (the common directives only). */
    public static String strftimeNow(String format) {
        String pattern = format.replace("%d", "dd").replace("%b", "MMM").replace("%B", "MMMM").replace("%Y", "yyyy")
                .replace("%m", "MM").replace("%H", "HH").replace("%M", "mm");
        try {
            return LocalDateTime.now().format(DateTimeFormatter.ofPattern(pattern));
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
