package com.securemodel.functions.tokens.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * llama.cpp's SentencePiece BPE ({@code llm_tokenizer_spm}): start from the characters, repeatedly merge the adjacent
 * pair whose joined text is a vocabulary token with the highest score (the leftmost on ties), and spell what is left
 * outside the vocabulary as byte tokens ({@code <0xNN>}).
 *
 * @see <a href="https://github.com/ggml-org/llama.cpp/blob/master/src/llama-vocab.cpp">llama-vocab.cpp</a>
 */
final class SpmTokenizer {

    private record Bigram(int left, int right, float score, int size) { }

    private final Map<String, Integer> ids;
    private final float[] scores;
    private final int unknownId;

    SpmTokenizer(Map<String, Integer> ids, GgufVocabulary vocabulary) {
        this.ids = ids;
        this.scores = vocabulary.scores();
        this.unknownId = vocabulary.unknownId();
    }

    /** Tokenizes one raw-text fragment, already with spaces escaped as U+2581. */
    void tokenize(String text, List<Integer> out) {
        Session s = new Session(text);
        s.run(out);
    }

    private final class Session {
        private final String text;
        private final int[] start;
        private final int[] length;
        private final int[] prev;
        private final int[] next;
        private final Map<String, int[]> reverseMerges = new HashMap<>();
        private final PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score() != b.score()
                ? Float.compare(b.score(), a.score()) : Integer.compare(a.left(), b.left()));

        Session(String text) {
            this.text = text;
            int count = text.codePointCount(0, text.length());
            start = new int[count];
            length = new int[count];
            prev = new int[count];
            next = new int[count];
            int offset = 0;
            for (int i = 0; i < count; i++) {
                int chars = Character.charCount(text.codePointAt(offset));
                start[i] = offset;
                length[i] = chars;
                prev[i] = i - 1;
                next[i] = i + 1 < count ? i + 1 : -1;
                offset += chars;
            }
        }

        void run(List<Integer> out) {
            for (int i = 1; i < start.length; i++) {
                tryAddBigram(i - 1, i);
            }
            while (!queue.isEmpty()) {
                Bigram bigram = queue.poll();
                int left = bigram.left();
                int right = bigram.right();
                if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.size()) {
                    continue;
                }
                length[left] += length[right];
                length[right] = 0;
                next[left] = next[right];
                if (next[right] >= 0) {
                    prev[next[right]] = left;
                }
                tryAddBigram(prev[left], left);
                tryAddBigram(left, next[left]);
            }
            for (int i = 0; i != -1 && start.length > 0; i = next[i]) {
                resegment(i, out);
            }
        }

        private String symbol(int i) {
            return text.substring(start[i], start[i] + length[i]);
        }

        private void tryAddBigram(int left, int right) {
            if (left == -1 || right == -1) {
                return;
            }
            String joined = text.substring(start[left], start[left] + length[left] + length[right]);
            Integer id = ids.get(joined);
            if (id == null) {
                return;
            }
            queue.add(new Bigram(left, right, scores[id], joined.length()));
            reverseMerges.put(joined, new int[] {left, right});
        }

        private void resegment(int i, List<Integer> out) {
            String symbol = symbol(i);
            Integer id = ids.get(symbol);
            if (id != null) {
                out.add(id);
                return;
            }
            int[] merge = reverseMerges.get(symbol);
            if (merge == null) {
                for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
                    out.add(byteToken(b));
                }
                return;
            }
            resegment(merge[0], out);
            resegment(merge[1], out);
        }
    }

    private int byteToken(byte b) {
        Integer id = ids.get(String.format("<0x%02X>", b & 0xFF));
        if (id == null && b >= 0) {
            id = ids.get(String.valueOf((char) b));
        }
        return id != null ? id : unknownId;
    }
}
