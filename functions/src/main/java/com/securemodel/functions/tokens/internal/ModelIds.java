package com.securemodel.functions.tokens.internal;

import java.util.regex.Pattern;

/** Which model ids may name a file or an S3 key: Hugging Face style ids, no path tricks. */
public final class ModelIds {

    /** Tokenizer files larger than this are refused (the largest common ones are about 35 MB). */
    public static final long MAX_FILE_BYTES = 64L << 20;
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,127}){0,3}");

    private ModelIds() {
    }

    /** @return true when the id is one to four segments of letters, digits, {@code . _ -}, none starting with a dot */
    public static boolean canNameFile(String modelId) {
        return modelId != null && SAFE.matcher(modelId).matches() && !modelId.contains("..");
    }
}
