package dev.hooklane.local.deploy;

import org.junit.jupiter.api.Test;

class KafkaTopicsManifestTest {

    @Test
    void shouldDeclareEveryTopicOfTheCatalogAsAStrimziKafkaTopic() {
        Manifests.assertGenerated(Manifests.directory().resolve("kafka-topics.yaml"), StrimziTopics.render(), "TopicCatalog");
    }
}
