package dev.hooklane.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {

    record Limits(Integer count, Double ratio, Boolean enabled, Long total) {
    }

    private static ProblemException refusal(String body) {
        return refusal(body, null);
    }

    /** The refusal of reading {@code body}, and of binding it to {@code type} when one is given. */
    private static ProblemException refusal(String body, Class<?> type) {
        try {
            var tree = RequestBodies.parse(body.getBytes(StandardCharsets.UTF_8));
            if (type != null) {
                RequestBodies.bind(tree, type);
            }
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}{\"b\":2}", "{\"a\":1} {\"b\":2}", "{\"a\":1}x", "{\"a\":1}]", "[1][2]", "{\"a\":1}\n1", "\"a\"\"b\""})
    void shouldRefuseAnythingButWhitespaceAfterTheOneJsonValue(String body) {
        ProblemException refused = refusal(body);
        assertThat(refused.problem().status()).isEqualTo(400);
        assertThat(refused.problem().type()).endsWith("/bad-request");
    }

    @Test
    void shouldAcceptWhitespaceAfterTheOneJsonValue() {
        assertThat(RequestBodies.parse("{\"a\":1} \r\n\t ".getBytes(StandardCharsets.UTF_8)).path("a").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRefuseUnpairedSurrogatesNamingTheField() {
        assertThat(refusal("{\"name\":\"\\ud800\"}").problem().errors()).extracting(Problem.FieldError::field).containsExactly("name");
        assertThat(refusal("{\"a\":{\"b\":[\"ok\",\"x\\udc00\"]}}").problem().errors()).extracting(Problem.FieldError::field)
                .containsExactly("a.b[1]");
        assertThat(refusal("[{\"id\":\"\\ude00\\ud83d\"}]").problem().errors()).extracting(Problem.FieldError::field).containsExactly("[0].id");
        assertThat(refusal("{\"a\":{\"\\ud800\":1}}").problem().status()).as("a key").isEqualTo(400);
        assertThat(refusal("{\"name\":\"\\ud800\"}").problem().status()).isEqualTo(422);
        assertThat(RequestBodies.parse("{\"name\":\"\\ud83d\\ude00 \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8)).path("name").asText())
                .isEqualTo("\uD83D\uDE00 \uD83D\uDE00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1.5e309", "123456789e999"})
    void shouldRefuseNumbersBeyondDoubleRangeNamingTheField(String number) {
        ProblemException refused = refusal("{\"data\":{\"amounts\":[1," + number + "]}}");
        assertThat(refused.problem().status()).isEqualTo(422);
        assertThat(refused.problem().errors()).extracting(Problem.FieldError::field).containsExactly("data.amounts[1]");
        assertThat(RequestBodies.parse("{\"a\":1e300}".getBytes(StandardCharsets.UTF_8)).path("a").asDouble()).isEqualTo(1e300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-400", "-1e-400", "4e-330", "0.1e-323", "-12345e-999", "1E-400"})
    void shouldRefuseNumbersThatUnderflowToZeroNamingTheField(String number) {
        ProblemException refused = refusal("{\"data\":{\"amounts\":[0.0," + number + "],\"zero\":0e5}}");
        assertThat(refused.problem().status()).isEqualTo(422);
        assertThat(refused.problem().errors()).extracting(Problem.FieldError::field).containsExactly("data.amounts[1]");
        assertThat(refusal(number).problem().errors()).extracting(Problem.FieldError::field).containsExactly("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "0.0", "-0.0", "0e5", "0E-400", "-0.000e+12", "4.9e-324", "1e-300"})
    void shouldKeepNumbersWrittenAsZeroAndTheSmallestDoubles(String number) {
        double kept = RequestBodies.parse(("{\"a\":" + number + "}").getBytes(StandardCharsets.UTF_8)).path("a").asDouble();
        // + 0.0 makes -0.0 and 0.0 one value: the sign of a zero is not what is checked here.
        assertThat(kept + 0.0).isEqualTo(Double.parseDouble(number) + 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"count\":1.5}", "{\"count\":\"10\"}", "{\"count\":1e2}", "{\"ratio\":\"1.5\"}", "{\"enabled\":\"true\"}",
            "{\"enabled\":1}", "{\"total\":\"7\"}", "{\"total\":2.0}"})
    void shouldRefuseANumberOrBooleanOfAnotherShapeNamingTheField(String body) {
        ProblemException refused = refusal(body, Limits.class);
        assertThat(refused.problem().status()).isEqualTo(422);
        assertThat(refused.problem().errors()).extracting(Problem.FieldError::field)
                .containsExactly(body.substring(2, body.indexOf('"', 2)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"count\":2147483648}", "{\"count\":-99999999999999999999}", "{\"total\":9223372036854775808}"})
    void shouldNameTheFieldAndNoParserTextWhenANumberIsBeyondItsRange(String body) {
        ProblemException refused = refusal(body, Limits.class);
        assertThat(refused.problem().status()).isEqualTo(422);
        assertThat(refused.problem().errors()).extracting(Problem.FieldError::field)
                .containsExactly(body.substring(2, body.indexOf('"', 2)));
        assertThat(refused.problem().detail() + refused.problem().errors()).doesNotContain("Numeric value", "out of range of", "Jackson", "`");
    }

    @Test
    void shouldBindNumbersOfTheRightShape() {
        Limits limits = RequestBodies.bind(RequestBodies.parse("{\"count\":3,\"ratio\":2,\"enabled\":true,\"total\":40}"
                .getBytes(StandardCharsets.UTF_8)), Limits.class);
        assertThat(limits).isEqualTo(new Limits(3, 2.0, true, 40L));
    }
}
