package com.securemodel.localstack.llm;

/** One chat turn: role is {@code system}, {@code user} or {@code assistant}. */
public record ChatMessage(String role, String content) {
}
