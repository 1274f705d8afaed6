package com.securemodel.functions.tokens.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's byte-level BPE ({@code llm_tokenizer_bpe}, {@code tokenizer.ggml.model=gpt2}): split the text with the
 * pre-tokenizer's regex, map each word's UTF-8 bytes to GPT-2's printable characters, then repeatedly merge the
 * adjacent pair with the lowest merge rank (the leftmost on ties).
 *
 * <p>Pre-tokenizers ({@code tokenizer.ggml.pre}): {@code llama-bpe}/{@code llama3} (Llama 3), {@code qwen2}
 * (digits one by one), and GPT-2's regex ({@code gpt-2}) for every other value; llama.cpp knows more (and refuses
 * unknown ones), so counts for models with another pre-tokenizer are close, not exact.
 *
 * @see <a href="https://github.com/ggml-org/llama.cpp/blob/master/src/llama-vocab.cpp">llama-vocab.cpp</a>
 */
final class BpeTokenizer {

    private static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final char[] BYTE_TO_CHAR = byteToChar();

    private record Bigram(int left, int right, String text, int rank) { }

    private final Map<String, Integer> ids;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final Pattern split;
    private final boolean ignoreMerges;

    BpeTokenizer(Map<String, Integer> ids, GgufVocabulary vocabulary) {
        this.ids = ids;
        List<String> merges = vocabulary.merges();
        for (int rank = 0; rank < merges.size(); rank++) {
            ranks.putIfAbsent(merges.get(rank), rank);
        }
        String pre = vocabulary.pre() == null ? "" : vocabulary.pre();
        boolean llama3 = pre.equals("llama-bpe") || pre.equals("llama3") || pre.equals("llama-v3");
        this.split = Pattern.compile(llama3 ? LLAMA3 : pre.equals("qwen2") ? QWEN2 : GPT2,
                Pattern.UNICODE_CHARACTER_CLASS);
        this.ignoreMerges = llama3;
    }

    /** Tokenizes one raw-text fragment. */
    void tokenize(String text, List<Integer> out) {
        Matcher words = split.matcher(text);
        int end = 0;
        while (words.find()) {
            if (words.start() > end) {
                word(encodeBytes(text.substring(end, words.start())), out);
            }
            if (words.end() > words.start()) {
                word(encodeBytes(words.group()), out);
            }
            end = words.end();
        }
        if (end < text.length()) {
            word(encodeBytes(text.substring(end)), out);
        }
    }

    private void word(String word, List<Integer> out) {
        if (ignoreMerges && ids.containsKey(word)) {
            out.add(ids.get(word));
            return;
        }
        int count = word.length();
        int[] start = new int[count];
        int[] length = new int[count];
        int[] prev = new int[count];
        int[] next = new int[count];
        for (int i = 0; i < count; i++) {
            start[i] = i;
            length[i] = 1;
            prev[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank() != b.rank()
                ? Integer.compare(a.rank(), b.rank()) : Integer.compare(a.left(), b.left()));
        for (int i = 1; i < count; i++) {
            addBigram(queue, word, start, length, i - 1, i);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left();
            int right = bigram.right();
            if (length[left] == 0 || length[right] == 0
                    || !word.substring(start[left], start[left] + length[left] + length[right]).equals(bigram.text())) {
                continue;
            }
            length[left] += length[right];
            length[right] = 0;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            addBigram(queue, word, start, length, prev[left], left);
            addBigram(queue, word, start, length, left, next[left]);
        }
        for (int i = 0; i != -1 && count > 0; i = next[i]) {
            String symbol = word.substring(start[i], start[i] + length[i]);
            Integer id = ids.get(symbol);
            if (id != null) {
                out.add(id);
            } else {
                for (int c = 0; c < symbol.length(); c++) {
                    Integer single = ids.get(symbol.substring(c, c + 1));
                    if (single != null) {
                        out.add(single);
                    }
                }
            }
        }
    }

    private void addBigram(PriorityQueue<Bigram> queue, String word, int[] start, int[] length, int left, int right) {
        if (left == -1 || right == -1) {
            return;
        }
        String leftText = word.substring(start[left], start[left] + length[left]);
        String rightText = word.substring(start[right], start[right] + length[right]);
        Integer rank = ranks.get(leftText + " " + rightText);
        if (rank != null) {
            queue.add(new Bigram(left, right, leftText + rightText, rank));
        }
    }

    /** GPT-2's reversible mapping of UTF-8 bytes to printable characters, one char per byte. */
    static String encodeBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    private static char[] byteToChar() {
        char[] map = new char[256];
        List<Integer> direct = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            direct.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            direct.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            direct.add(b);
        }
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = direct.contains(b) ? (char) b : (char) (256 + extra++);
        }
        return map;
    }
}
