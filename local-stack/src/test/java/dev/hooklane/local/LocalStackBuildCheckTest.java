package dev.hooklane.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/run builds only when a file the local stack's jar is made of changed since the jar was built
 * (bin/lib/local-stack-build.sh), checked in a copy of the repository's layout: generated files
 * under target/ and the data folder do not make it build again.
 */
class LocalStackBuildCheckTest {

    private static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path clone;

    @BeforeEach
    void builtClone() throws IOException {
        touch("pom.xml", BUILT.minusSeconds(60));
        touch("contracts/src/main/java/dev/hooklane/contracts/A.java", BUILT.minusSeconds(60));
        touch("subscription-api/src/main/resources/event-types/seeds.json", BUILT.minusSeconds(60));
        touch("deploy/config/hooklane.env", BUILT.minusSeconds(60));
        touch("local-stack/target/local-stack-0.1.0-SNAPSHOT-all.jar", BUILT);
    }

    @Test
    void shouldNotBuildAgainWhenOnlyGeneratedFilesTheDataFolderOrOtherModulesChanged() throws Exception {
        touch("benchmarks/target/generated-sources/annotations/dev/hooklane/Generated.java", BUILT.plusSeconds(60));
        touch("local-stack/target/generated-sources/annotations/Other.java", BUILT.plusSeconds(60));
        touch(".hooklane/kafka/logs/meta.properties", BUILT.plusSeconds(60));
        touch("benchmarks/src/main/java/dev/hooklane/bench/B.java", BUILT.plusSeconds(60));
        touch("docs/operations.md", BUILT.plusSeconds(60));
        assertThat(stale()).isFalse();
    }

    @Test
    void shouldBuildAgainWhenASourceAResourceAPomOrTheSharedSettingsChanged() throws Exception {
        for (String input : new String[] {"contracts/src/main/java/dev/hooklane/contracts/A.java",
                "subscription-api/src/main/resources/event-types/seeds.json", "pom.xml", "deploy/config/hooklane.env"}) {
            builtClone();
            touch(input, BUILT.plusSeconds(60));
            assertThat(stale()).as(input).isTrue();
        }
    }

    @Test
    void shouldBuildWhenThereIsNoJar() throws Exception {
        Files.delete(clone.resolve("local-stack/target/local-stack-0.1.0-SNAPSHOT-all.jar"));
        assertThat(stale()).isTrue();
    }

    private boolean stale() throws IOException, InterruptedException {
        Path script = RepositoryRoot.path().resolve("bin/lib/local-stack-build.sh");
        Process process = new ProcessBuilder("bash", "-c", ". '" + script + "' && local_stack_stale").directory(clone.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEmpty();
        return process.exitValue() == 0;
    }

    private void touch(String relative, Instant time) throws IOException {
        Path file = clone.resolve(relative);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, relative);
        }
        Files.setLastModifiedTime(file, FileTime.from(time));
    }
}
