package dev.hooklane.contracts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobIdsTest {

    @Test
    void shouldDeriveTheSameIdForTheSamePairAndDifferentIdsOtherwise() {
        assertThat(JobIds.of("evt-1", "sub-1")).isEqualTo(JobIds.of("evt-1", "sub-1"))
                .startsWith("msg_").hasSize(26).matches("msg_[A-Za-z0-9_-]{22}");
        assertThat(JobIds.of("evt-1", "sub-2")).isNotEqualTo(JobIds.of("evt-1", "sub-1"));
        assertThat(JobIds.of("evt-1s", "ub-1")).isNotEqualTo(JobIds.of("evt-1", "sub-1"));
    }
}
