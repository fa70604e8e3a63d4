package dev.hooklane.contracts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"order-1", "Bestellung \u00fc", "\uD83D\uDE00 emoji", "\u202e right-to-left", "a\u200db", "tab-less"})
    void shouldAcceptPrintableText(String text) {
        assertThat(PlainText.isPrintable(text)).isTrue();
        assertThat(PlainText.isWellFormed(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\tb", "\u001b[31mred", "a\u007fb", "a\u0085b", "a\u2028b", "a\u2029b",
            "\ud800", "x\udc00", "\ude00\ud83d"})
    void shouldRefuseControlCharactersSeparatorsAndUnpairedSurrogates(String text) {
        assertThat(PlainText.isPrintable(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "x\udc00", "\ude00\ud83d", "ok\ud83d"})
    void shouldFindUnpairedSurrogatesOnly(String text) {
        assertThat(PlainText.isWellFormed(text)).isFalse();
        assertThat(PlainText.isWellFormed(text.replaceAll("[\\ud800-\\udfff]", "") + "\n")).isTrue();
    }
}
