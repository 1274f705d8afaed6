package com.securemodel.localstack.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopSequenceFilterTest {

    @Test
    void accept_withoutStops_emitsEverythingAtOnce() {
        var filter = new StopSequenceFilter(List.of());

        assertThat(filter.accept("ab")).isEqualTo("ab");
        assertThat(filter.matched()).isFalse();
    }

    @Test
    void accept_whenStopSpansChunks_holdsBackItsStartAndCutsBeforeIt() {
        var filter = new StopSequenceFilter(List.of("END"));

        assertThat(filter.accept("abE")).isEqualTo("ab");
        assertThat(filter.accept("N")).isEmpty();
        assertThat(filter.accept("Dxyz")).isEmpty();
        assertThat(filter.matched()).isTrue();
        assertThat(filter.text()).isEqualTo("ab");
    }

    @Test
    void accept_whenHeldTextTurnsOutNotToBeAStop_releasesIt() {
        var filter = new StopSequenceFilter(List.of("END"));

        assertThat(filter.accept("aE")).isEqualTo("a");
        assertThat(filter.accept("x")).isEqualTo("Ex");
        assertThat(filter.accept("EN")).isEmpty();
        assertThat(filter.flush()).isEqualTo("EN");
        assertThat(filter.text()).isEqualTo("aExEN");
    }

    @Test
    void accept_withSeveralStops_cutsAtTheEarliest() {
        var filter = new StopSequenceFilter(List.of("zz", "b"));

        assertThat(filter.accept("abczz")).isEqualTo("a");
        assertThat(filter.text()).isEqualTo("a");
    }
}
