package com.securemodel.localstack.llm.internal;

import java.util.List;

/**
 * Cuts streamed text at the first stop sequence. Text that may be the start of a stop sequence is held back
 * until the next chunk decides, so that what was emitted never contains a stop sequence or part of one.
 */
public final class StopSequenceFilter {

    private final List<String> stops;
    private final int longestStop;
    private final StringBuilder text = new StringBuilder();
    private int emitted;
    private boolean matched;

    public StopSequenceFilter(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
        this.longestStop = this.stops.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Appends a chunk and returns the text that can be emitted now (possibly empty). */
    public String accept(String chunk) {
        if (matched) {
            return "";
        }
        text.append(chunk);
        int cut = firstMatch();
        if (cut >= 0) {
            matched = true;
            text.setLength(cut);
            return emitUpTo(cut);
        }
        return emitUpTo(text.length() - heldBack());
    }

    /** Emits what was held back; call when the generation ended without a match. */
    public String flush() {
        return emitUpTo(text.length());
    }

    public boolean matched() {
        return matched;
    }

    /** The text so far, without the stop sequence once one matched. */
    public String text() {
        return text.toString();
    }

    private int firstMatch() {
        int first = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, emitted);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private int heldBack() {
        for (int k = Math.min(longestStop - 1, text.length() - emitted); k > 0; k--) {
            String tail = text.substring(text.length() - k);
            if (stops.stream().anyMatch(s -> s.startsWith(tail))) {
                return k;
            }
        }
        return 0;
    }

    private String emitUpTo(int end) {
        String out = text.substring(emitted, end);
        emitted = end;
        return out;
    }
}
