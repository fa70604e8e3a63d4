package dev.hooklane.subscriptions.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hooklane.service.http.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IfMatchTest {

    private static int status(Runnable check) {
        try {
            check.run();
            return 0;
        } catch (ProblemException e) {
            return e.problem().status();
        }
    }

    @Test
    void shouldPassWithoutTheHeaderOrWithAStarOnAnyVersion() {
        assertThatCode(() -> IfMatch.parse(Optional.empty()).check(7)).doesNotThrowAnyException();
        assertThatCode(() -> IfMatch.parse(Optional.of("*")).check(7)).doesNotThrowAnyException();
        assertThat(IfMatch.parse(Optional.empty()).isPresent()).isFalse();
    }

    @Test
    void shouldPassWhenAnyListedStrongTagNamesTheVersion() {
        assertThatCode(() -> IfMatch.parse(Optional.of("\"3\", \"7\"")).check(7)).doesNotThrowAnyException();
        assertThat(status(() -> IfMatch.parse(Optional.of("\"3\"")).check(7))).isEqualTo(412);
    }

    @Test
    void shouldNeverMatchAWeakOrForeignTagWhenComparingStrongly() {
        assertThat(status(() -> IfMatch.parse(Optional.of("W/\"7\"")).check(7))).isEqualTo(412);
        assertThat(status(() -> IfMatch.parse(Optional.of("\"abc\"")).check(7))).isEqualTo(412);
    }

    @Test
    void shouldRefuseAHeaderThatIsNoListOfEntityTagsWith400() {
        assertThatThrownBy(() -> IfMatch.parse(Optional.of("7"))).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(400));
        assertThatThrownBy(() -> IfMatch.parse(Optional.of("\"7\",,"))).isInstanceOf(ProblemException.class);
    }

    @Test
    void shouldWriteTheVersionAsAStrongTag() {
        assertThat(IfMatch.etag(12)).isEqualTo("\"12\"");
    }
}
