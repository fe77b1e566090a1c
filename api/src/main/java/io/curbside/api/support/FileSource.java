package io.curbside.api.support;

import io.micronaut.core.io.ResourceResolver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Reads an operator-named file: a path on disk, or {@code classpath:} for the bundled demo. */
@Singleton
public class FileSource {

    /** Refuse anything bigger: a catalog or a city is far smaller, a mistake may not be. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private final ResourceResolver resources;

    public FileSource(ResourceResolver resources) {
        this.resources = resources;
    }

    /** The whole file, with its SHA-256 so an import records exactly what it loaded. */
    public Content read(String location) {
        try {
            byte[] bytes;
            if (location.startsWith("classpath:")) {
                try (var in = resources.getResourceAsStream(location)
                        .orElseThrow(() -> new NoSuchFileException(location))) {
                    bytes = in.readNBytes((int) MAX_BYTES + 1);
                }
            } else {
                Path path = Path.of(location.startsWith("file:") ? location.substring(5) : location);
                if (Files.size(path) > MAX_BYTES) {
                    throw new InvalidFileException(location, List.of("is larger than 64 MiB"));
                }
                bytes = Files.readAllBytes(path);
            }
            if (bytes.length > MAX_BYTES) {
                throw new InvalidFileException(location, List.of("is larger than 64 MiB"));
            }
            return new Content(location, bytes, sha256(bytes));
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(location, List.of("no such file"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A file's bytes, where they came from, and their digest. */
    public record Content(String source, byte[] bytes, String sha256) {

        /** Bytes that came another way than from a file (an upload), with their digest. */
        public static Content of(String source, byte[] bytes) {
            return new Content(source, bytes, FileSource.sha256(bytes));
        }
    }
}
