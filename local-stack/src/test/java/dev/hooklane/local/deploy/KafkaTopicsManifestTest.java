package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaTopicsManifestTest {

    @Test
    void shouldDeclareEveryTopicOfTheCatalogAsAStrimziKafkaTopic() throws IOException {
        Path manifest = Manifests.directory().resolve("kafka-topics.yaml");
        String expected = StrimziTopics.render();
        if (Boolean.getBoolean("hooklane.rewrite-manifests")) {
            Files.writeString(manifest, expected);
        }
        assertThat(Files.readString(manifest))
                .as("%s differs from TopicCatalog; rewrite it with -Dhooklane.rewrite-manifests=true (see its header)", manifest)
                .isEqualTo(expected);
    }
}
