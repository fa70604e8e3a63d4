package dev.hooklane.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images are made of the jars the normal build produces (docs/adr/0040): run after
 * {@code package}, this checks that every image compose and the manifests name would build from
 * what is there now. The Dockerfile has one stage and no build step; its build context is the
 * module's {@code target} folder, with no ignore file whose rules could hide what it copies; every
 * file it copies exists there, and the jar starts the module's main class.
 */
class ImageBuildContextIT {

    private static final Path DOCKERFILE = Manifests.directory().resolveSibling("docker").resolve("Dockerfile");
    private static final Pattern MAIN_CLASS = Pattern.compile("<mainClass>([^<]+)</mainClass>");

    @Test
    void shouldBuildEachImageFromASingleStageWithoutBuildingInsideDocker() throws IOException {
        List<String> instructions = instructions(Files.readString(DOCKERFILE));
        assertThat(instructions.stream().filter(line -> keyword(line).equals("FROM"))).as("stages of %s", DOCKERFILE).hasSize(1);
        assertThat(instructions.stream().filter(line -> keyword(line).equals("RUN")))
                .as("RUN steps of %s (only creating the user is expected)", DOCKERFILE).allMatch(line -> line.contains("useradd"));
        assertThat(instructions.stream().filter(line -> keyword(line).equals("ADD"))).isEmpty();
        assertThat(instructions).anyMatch(line -> line.matches("USER \\d+:\\d+"));
        assertThat(instructions).anyMatch(line -> line.startsWith("ENTRYPOINT [\"java\""));
    }

    @Test
    void shouldFindEveryFileTheDockerfileCopiesInEachServicesBuildContext() throws IOException {
        List<String> sources = copySources(instructions(Files.readString(DOCKERFILE)));
        assertThat(sources).isNotEmpty();
        Map<String, Object> services = DeploymentEnvironments.map(DeploymentEnvironments.composeFile().get("services"));
        int built = 0;
        for (Object definition : services.values()) {
            Object build = DeploymentEnvironments.map(definition).get("build");
            if (build == null) {
                continue;
            }
            Path context = DeploymentEnvironments.COMPOSE_FILE.resolveSibling(String.valueOf(DeploymentEnvironments.map(build).get("context"))).normalize();
            Path dockerfile = context.resolve(String.valueOf(DeploymentEnvironments.map(build).get("dockerfile"))).normalize();
            assertThat(dockerfile).isEqualTo(DOCKERFILE);
            // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile, else .dockerignore in the context.
            assertThat(context.resolve(".dockerignore")).doesNotExist();
            assertThat(Path.of(DOCKERFILE + ".dockerignore")).doesNotExist();
            for (String source : sources) {
                List<Path> matches = new ArrayList<>();
                try (DirectoryStream<Path> found = Files.newDirectoryStream(context, source)) {
                    found.forEach(matches::add);
                }
                assertThat(matches).as("%s in %s (run ./mvnw package first)", source, context).hasSize(1);
                try (JarFile jar = new JarFile(matches.get(0).toFile())) {
                    Matcher main = MAIN_CLASS.matcher(Files.readString(context.resolveSibling("pom.xml")));
                    assertThat(main.find()).isTrue();
                    assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).as(matches.get(0).toString()).isEqualTo(main.group(1));
                }
            }
            built++;
        }
        assertThat(built).isEqualTo(4);
    }

    /** The Dockerfile's instructions, continuation lines joined, comments and blank lines left out. */
    static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            instructions.add(current.append(trimmed).toString().strip());
            current.setLength(0);
        }
        return instructions;
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
    }

    /** The sources of every COPY from the build context (not {@code --from} another stage). */
    static List<String> copySources(List<String> instructions) {
        List<String> sources = new ArrayList<>();
        for (String instruction : instructions) {
            if (!keyword(instruction).equals("COPY")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(instruction.split("\\s+")));
            words.remove(0);
            if (words.stream().anyMatch(word -> word.startsWith("--from"))) {
                continue;
            }
            words.removeIf(word -> word.startsWith("--"));
            sources.addAll(words.subList(0, words.size() - 1));
        }
        return sources;
    }
}
