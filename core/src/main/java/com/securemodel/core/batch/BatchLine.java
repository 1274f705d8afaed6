package com.securemodel.core.batch;

import com.securemodel.core.error.ServiceException;
import com.securemodel.core.generation.GenerateRequest;

/**
 * One input line, parsed: an OpenAI batch request, a plain prompt (JSON) or a line of text.
 *
 * @param number 0-based line number in the file
 * @param customId OpenAI's {@code custom_id}, a plain prompt's {@code id}, else {@code line-<n+1>}
 * @param url {@code /v1/chat/completions} or {@code /v1/completions}
 * @param model {@code body.model}, or null
 * @param request what to generate; null when {@code error} is set
 * @param error why the line cannot run, or null
 */
public record BatchLine(long number, String customId, String url, String model, GenerateRequest request,
                        ServiceException error) {

    public static final String CHAT = "/v1/chat/completions";
    public static final String COMPLETIONS = "/v1/completions";

    public boolean chat() {
        return CHAT.equals(url);
    }

    /** @return a line that becomes an error line */
    public static BatchLine bad(long number, String customId, String url, ServiceException error) {
        return new BatchLine(number, customId == null ? defaultId(number) : customId, url, null, null, error);
    }

    public static String defaultId(long number) {
        return "line-" + (number + 1);
    }
}
