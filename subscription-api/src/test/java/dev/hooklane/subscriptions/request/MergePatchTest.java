package dev.hooklane.subscriptions.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hooklane.contracts.json.Json;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    private static String patched(String target, String patch) throws Exception {
        return MergePatch.apply(Json.mapper().readTree(target), Json.mapper().readTree(patch)).toString();
    }

    @Test
    void shouldFollowTheExamplesOfRfc7396() throws Exception {
        assertThat(patched("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo("{\"a\":\"c\"}");
        assertThat(patched("{\"a\":\"b\"}", "{\"b\":\"c\"}")).isEqualTo("{\"a\":\"b\",\"b\":\"c\"}");
        assertThat(patched("{\"a\":\"b\"}", "{\"a\":null}")).isEqualTo("{}");
        assertThat(patched("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}")).isEqualTo("{\"b\":\"c\"}");
        assertThat(patched("{\"a\":[\"b\"]}", "{\"a\":\"c\"}")).isEqualTo("{\"a\":\"c\"}");
        assertThat(patched("{\"a\":\"c\"}", "{\"a\":[\"b\"]}")).isEqualTo("{\"a\":[\"b\"]}");
        assertThat(patched("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}")).isEqualTo("{\"a\":{\"b\":\"d\"}}");
        assertThat(patched("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}")).isEqualTo("{\"a\":[1]}");
        assertThat(patched("[\"a\",\"b\"]", "[\"c\",\"d\"]")).isEqualTo("[\"c\",\"d\"]");
        assertThat(patched("{\"e\":null}", "{\"a\":1}")).isEqualTo("{\"e\":null,\"a\":1}");
        assertThat(patched("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}")).isEqualTo("{\"a\":{\"bb\":{}}}");
    }

    @Test
    void shouldLeaveTheTargetUnchanged() throws Exception {
        var target = Json.mapper().readTree("{\"a\":{\"b\":1}}");
        MergePatch.apply(target, Json.mapper().readTree("{\"a\":{\"b\":2}}"));
        assertThat(target.toString()).isEqualTo("{\"a\":{\"b\":1}}");
    }
}
