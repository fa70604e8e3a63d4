package dev.hooklane.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hooklane.contracts.json.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file {@code hooklane login} writes: the API's address, the ingest service's and the key.
 * It holds a secret, so it is created readable by its owner only (0600), in a folder only the
 * owner may enter, and replaced atomically.
 */
public final class ConfigFile {

    /** What the file holds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(String apiUrl, String ingestUrl, String key) {
    }

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    /** {@code --config}, else {@code HOOKLANE_CONFIG}, else {@code $XDG_CONFIG_HOME/hooklane/config.json}, else {@code ~/.config/...}. */
    public static Path defaultPath(Map<String, String> env) {
        if (env.get("HOOKLANE_CONFIG") != null) {
            return Path.of(env.get("HOOKLANE_CONFIG"));
        }
        Path base = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".config"));
        return base.resolve("hooklane").resolve("config.json");
    }

    public Path path() {
        return path;
    }

    public Optional<Settings> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(path.toFile(), Settings.class));
        } catch (IOException e) {
            throw new CliException(ExitCodes.NOT_CONFIGURED, "cannot read " + path + ": " + e.getMessage() + "; run hooklane login again");
        }
    }

    public void write(Settings settings) {
        try {
            Path folder = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
            }
            Path temporary = folder.resolve(path.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), settings);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(path, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCodes.NOT_CONFIGURED, "cannot write " + path + ": " + e.getMessage() + " is in the way");
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException(ExitCodes.NOT_CONFIGURED, "cannot write " + path + ": " + e.getMessage());
        }
    }
}
