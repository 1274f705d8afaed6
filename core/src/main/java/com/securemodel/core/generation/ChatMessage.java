package com.securemodel.core.generation;

import com.securemodel.core.error.ServiceException;

/**
 * One message of a chat ({@code system}, {@code user} or {@code assistant}), text only.
 *
 * @param content the message text (text parts already joined)
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        if (role == null || role.isBlank()) {
            throw ServiceException.validation("Every message needs a role: system, user or assistant");
        }
        content = content == null ? "" : content;
    }
}
