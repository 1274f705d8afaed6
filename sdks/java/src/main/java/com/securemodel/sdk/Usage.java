package com.securemodel.sdk;

/** Tokens of one generation. */
public record Usage(
        int promptTokens,
        int completionTokens,
        int totalTokens) {
}
