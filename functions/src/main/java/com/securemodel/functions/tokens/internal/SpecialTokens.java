package com.securemodel.functions.tokens.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Splits text at special tokens the way llama.cpp's {@code tokenizer_st_partition} does with {@code parse_special}:
 * control, user-defined and unknown tokens that occur literally become their id; longer tokens are matched first.
 */
final class SpecialTokens {

    /** A piece of the text: either raw text ({@code id} -1) or one special token. */
    record Fragment(String text, int id) {
        boolean isText() {
            return id < 0;
        }
    }

    private final List<Map.Entry<String, Integer>> specials;

    SpecialTokens(GgufVocabulary vocabulary) {
        List<Map.Entry<String, Integer>> list = new ArrayList<>();
        int[] types = vocabulary.types();
        for (int id = 0; id < types.length; id++) {
            int type = types[id];
            String text = vocabulary.tokens().get(id);
            if (!text.isEmpty() && (type == GgufVocabulary.CONTROL || type == GgufVocabulary.USER_DEFINED
                    || type == GgufVocabulary.UNKNOWN)) {
                list.add(Map.entry(text, id));
            }
        }
        list.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        this.specials = List.copyOf(list);
    }

    List<Fragment> split(String text) {
        List<Fragment> fragments = new ArrayList<>();
        if (!text.isEmpty()) {
            fragments.add(new Fragment(text, -1));
        }
        for (Map.Entry<String, Integer> special : specials) {
            List<Fragment> next = new ArrayList<>(fragments.size());
            for (Fragment fragment : fragments) {
                if (!fragment.isText() || !fragment.text().contains(special.getKey())) {
                    next.add(fragment);
                    continue;
                }
                String rest = fragment.text();
                int at;
                while ((at = rest.indexOf(special.getKey())) >= 0) {
                    if (at > 0) {
                        next.add(new Fragment(rest.substring(0, at), -1));
                    }
                    next.add(new Fragment(special.getKey(), special.getValue()));
                    rest = rest.substring(at + special.getKey().length());
                }
                if (!rest.isEmpty()) {
                    next.add(new Fragment(rest, -1));
                }
            }
            fragments = next;
        }
        return fragments;
    }
}
