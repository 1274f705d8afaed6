package com.securemodel.functions.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimePacksTest {

    private static TimePacks.Entry<String> at(long millis, String id) {
        return new TimePacks.Entry<>(TimePacks.position("A#", millis, id), millis, id);
    }

    private static List<List<String>> ids(List<List<TimePacks.Entry<String>>> packs) {
        return packs.stream().map(p -> p.stream().map(TimePacks.Entry::value).toList()).toList();
    }

    @Test
    void position_ordersByTimeThenId() {
        assertThat(TimePacks.position("AUDIT#", 42, "req_1")).isEqualTo("AUDIT#0000000000042#req_1");
        assertThat(TimePacks.position("A#", 9, "z")).isLessThan(TimePacks.position("A#", 10, "a"));
        assertThat(TimePacks.millisOf("AUDIT#", "AUDIT#1740823200123#req_9")).isEqualTo(1_740_823_200_123L);
    }

    @Test
    void pack_sortsAndSplitsWhereTheWindowFromAPacksFirstRecordEnds() {
        List<TimePacks.Entry<String>> entries = List.of(at(1999, "d"), at(0, "a"), at(999, "b"), at(1000, "c"),
                at(5000, "e"));

        assertThat(ids(TimePacks.pack(entries, s -> 10)))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
    }

    @Test
    void pack_keepsToTheMostRecordsAndCharacters_andPacksARepeatedRecordOnce() {
        List<TimePacks.Entry<String>> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(at(i, "r" + (1000 + i)));
        }
        assertThat(TimePacks.pack(many, s -> 1)).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(TimePacks.pack(many, s -> TimePacks.MAX_CHARS / 3)).hasSize(84).allMatch(p -> p.size() <= 3);

        List<TimePacks.Entry<String>> twice = List.of(at(5, "x"), at(5, "x"), at(6, "y"));
        assertThat(ids(TimePacks.pack(twice, s -> 1))).containsExactly(List.of("x", "y"));
    }
}
