package dev.hooklane.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, found from the module folder the tests run in. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the repository root (with deploy/ and mvnw) is not above " + Path.of("").toAbsolutePath());
    }
}
