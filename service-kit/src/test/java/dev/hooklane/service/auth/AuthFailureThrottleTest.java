package dev.hooklane.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthFailureThrottleTest {

    @Test
    void shouldMakeAClientWaitOnceItUsedUpItsFailures() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(3, Duration.ofMinutes(1), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitFor("10.0.0.1")).isEmpty();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.1")).get().satisfies(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20)));
        assertThat(throttle.waitFor("10.0.0.2")).as("another client").isEmpty();
    }

    @Test
    void shouldRememberAtMostTheGivenNumberOfClients() {
        AuthFailureThrottle throttle = new AuthFailureThrottle(1, Duration.ofMinutes(1), 2);
        throttle.failed("a");
        throttle.failed("b");
        throttle.failed("c");
        assertThat(throttle.clients()).isEqualTo(2);
        assertThat(throttle.waitFor("a")).as("the least recently used client was forgotten").isEmpty();
        assertThat(throttle.waitFor("c")).isPresent();
    }

    @Test
    void shouldRefuseNonsenseLimits() {
        assertThatThrownBy(() -> new AuthFailureThrottle(0, Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
