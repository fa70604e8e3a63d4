package dev.hooklane.contracts.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/hooks?our-reference=1232323", "http://example.com", "HTTPS://example.com:8443/a",
            "https://[2001:db8::1]:1/x", "https://example.com:65535/"})
    void shouldAcceptHttpUrlsWithAHost(String text) {
        assertThat(WebhookUrl.parse(text).uri()).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://example.com:65536/|must have a port from 1 to 65535, or none",
            "https://example.com:0/|must have a port from 1 to 65535, or none",
            "https://example.com:/|must have a port from 1 to 65535, or none",
            "https://example.com:99999999999/|must be an absolute http(s) URL with a host",
            "https://user:pw@example.com/|must not contain user information",
            "https://example.com/#part|must not contain a fragment",
            "ftp://example.com/|must use http or https",
            "/relative|must be an absolute http(s) URL with a host",
            "https://exa mple.com/|is not a valid URL: Illegal character in authority",
            "'  '|is required"})
    void shouldRefuseWhatCannotBeAWebhookTarget(String text, String reason) {
        assertThatThrownBy(() -> WebhookUrl.parse(text)).isInstanceOf(InvalidWebhookUrlException.class).hasMessage(reason);
    }

    @ParameterizedTest
    @CsvSource({"https://example.com/,443", "http://example.com/,80", "http://example.com:8080/,8080"})
    void shouldKnowThePortRequestsGoTo(String text, int port) {
        assertThat(WebhookUrl.parse(text).port()).isEqualTo(port);
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseUrlsLongerThanTheLimit() {
        String longUrl = "https://example.com/" + "a".repeat(WebhookUrl.MAX_LENGTH);
        assertThatThrownBy(() -> WebhookUrl.parse(longUrl)).hasMessage("at most 2048 characters");
    }
}
