package dev.hooklane.local.observability;

import dev.hooklane.local.RepositoryRoot;
import java.nio.file.Path;

/** Files of the repository, found from the module folder the tests run in. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        return RepositoryRoot.path();
    }

    static Path deploy(String relative) {
        return root().resolve("deploy").resolve(relative);
    }
}
