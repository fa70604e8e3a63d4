package dev.hooklane.local.observability;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository, found from the module folder the tests run in. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the repository root (with deploy/ and mvnw) is not above " + Path.of("").toAbsolutePath());
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }
}
