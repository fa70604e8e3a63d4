package dev.hooklane.local;

import dev.hooklane.contracts.signing.WebhookSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The keys the local stack keeps next to Kafka's data, readable by the owner only, so that a
 * restart on the same folder answers to the same admin key, demo tenant key and demo secret.
 * Deleting the folder starts from scratch.
 */
final class DataFolder {

    private final Path dir;

    DataFolder(Path dir) {
        this.dir = dir;
    }

    Path path() {
        return dir;
    }

    /** The admin key of the subscription API. */
    String adminKey() {
        return keep("admin-key", () -> "admin_" + random(24));
    }

    /** The secret the walkthrough gives its subscription, so that the demo receiver verifies it. */
    WebhookSecret demoSecret() {
        return WebhookSecret.parse(keep("demo-receiver-secret", () -> WebhookSecret.generate().encoded()));
    }

    /** The demo tenant's API key issued by an earlier start, if any. */
    Optional<String> demoTenantKey() {
        Path file = dir.resolve("demo-tenant-key");
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    void demoTenantKey(String key) {
        write(dir.resolve("demo-tenant-key"), key);
    }

    private String keep(String name, Supplier<String> create) {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return read(file);
        }
        String value = create.get();
        write(file, value);
        return value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
