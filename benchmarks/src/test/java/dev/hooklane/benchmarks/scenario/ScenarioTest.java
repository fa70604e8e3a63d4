package dev.hooklane.benchmarks.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void shouldBringTheCeilingsAChosenScenarioIsComparedWith() {
        assertThat(Scenario.only("throughput,peer")).containsExactly(Scenario.THROUGHPUT, Scenario.KAFKA_CEILING, Scenario.HTTP_CEILING,
                Scenario.WRK_CEILING, Scenario.PEER);
    }

    @Test
    void shouldBringTheLatencyBaselineAndItsCeilingWhenIsolationIsChosen() {
        assertThat(Scenario.only("isolation")).containsExactly(Scenario.LATENCY, Scenario.ISOLATION, Scenario.HTTP_CEILING);
    }

    @Test
    void shouldRunAScenarioWithoutComparisonsAlone() {
        assertThat(Scenario.only(" curve ")).containsExactly(Scenario.CURVE);
    }

    @Test
    void shouldNameTheThreeCeilingsAtOnceWhenAskedForCeilings() {
        assertThat(Scenario.only("ceilings")).containsExactly(Scenario.KAFKA_CEILING, Scenario.HTTP_CEILING, Scenario.WRK_CEILING);
    }

    @Test
    void shouldRefuseAKeyThatNamesNoScenario() {
        assertThatThrownBy(() -> Scenario.only("throughput,speed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'speed'")
                .hasMessageContaining("fan-out");
    }

    @Test
    void shouldRefuseAnEmptyChoice() {
        assertThatThrownBy(() -> Scenario.only(" , ")).isInstanceOf(IllegalArgumentException.class);
    }
}
