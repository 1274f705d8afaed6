package com.securemodel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomIdGeneratorTest {

    @Test
    void idsAreThePrefixAndTenCharactersOfTheAlphabet_unique_andEveryCharacterTurnsUpEverywhere() {
        RandomIdGenerator ids = new RandomIdGenerator();
        Set<String> seen = new HashSet<>();
        Set<Character> first = new HashSet<>();
        Set<Character> last = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String id = ids.next("req");
            assertThat(id).matches("req_[a-z0-9]{10}");
            seen.add(id);
            first.add(id.charAt(4));
            last.add(id.charAt(13));
        }
        assertThat(seen).hasSize(20_000);
        assertThat(first).hasSize(36);
        assertThat(last).hasSize(36);
    }

    @Test
    void theSameSeedGivesTheSameIds_andRenewTakesTheNextSource() {
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        RandomIdGenerator ids = new RandomIdGenerator(() -> seeded(("seed " + made.getAndIncrement()).getBytes()));
        RandomIdGenerator first = new RandomIdGenerator(() -> seeded("seed 0".getBytes()));
        RandomIdGenerator second = new RandomIdGenerator(() -> seeded("seed 1".getBytes()));

        assertThat(ids.next("x")).isEqualTo(first.next("x"));
        ids.renew();
        assertThat(made.get()).isEqualTo(2);
        assertThat(ids.next("x")).isEqualTo(second.next("x")).isNotEqualTo(first.next("x"));
    }

    private static SecureRandom seeded(byte[] seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
