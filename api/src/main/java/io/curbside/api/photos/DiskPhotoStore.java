package io.curbside.api.photos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Photos as files under one directory, each written so that a crash never leaves half a file under its key. */
public final class DiskPhotoStore implements PhotoStore {

    /** Temporary files start with a dot and end in .part: no server-made key looks like that. */
    private static final String TEMP_PREFIX = ".put-";
    private static final String TEMP_SUFFIX = ".part";
    /** Windows cannot open a directory as a channel: there the rename's durability is the file system's affair. */
    private static final boolean SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

    private final Path root;

    public DiskPhotoStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = resolve(key);
        try {
            write(target, bytes);
        } catch (IOException e) {
            // NIO names only the path ("FileAlreadyExistsException: /srv/photos/2026"); say what failed.
            throw new IOException("could not store photo " + key + " in " + root + ": " + e, e);
        }
    }

    private void write(Path target, byte[] bytes) throws IOException {
        Path directory = target.getParent();
        createDirectories(directory);
        // Not Files.createTempFile: its files are owner-only, and a web server may need to read photos.
        Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // rename(2): readers see the old file or the new one, never a mix.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        // The new name lives in the directory: without this, a power cut can still lose the file.
        syncDirectory(directory);
    }

    @Override
    public Optional<StoredFile> open(String key) throws IOException {
        Path file = resolve(key);
        // A directory, or a path through a file ("a.jpg/b.jpg"), holds no photo: missing, not an error.
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            // Size and content come from the same open file, even if a put replaces it meanwhile.
            return Optional.of(new StoredFile(Channels.newInputStream(channel), channel.size()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = resolve(key);
        if (!Files.isRegularFile(file)) {
            return;
        }
        if (Files.deleteIfExists(file)) {
            // A removed photo (a face, a licence plate) must not come back after a crash.
            syncDirectory(file.getParent());
        }
    }

    @Override
    public int deleteAbandonedWrites(List<String> folders, Instant before) throws IOException {
        int deleted = 0;
        for (String folder : folders) {
            Path directory = resolve(folder);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
                for (Path temp : temps) {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(before) && Files.deleteIfExists(temp)) {
                        deleted++;
                    }
                }
            }
        }
        return deleted;
    }

    private Path resolve(String key) {
        Path path = root.resolve(PhotoKeys.checked(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("not a photo key: \"" + key + '"');
        }
        return path;
    }

    /** Like Files.createDirectories, but also makes each new directory's name durable. */
    private void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (directory.equals(root)) {
            Files.createDirectories(root);
            return;
        }
        createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            return;
        }
        syncDirectory(directory.getParent());
    }

    private static void syncDirectory(Path directory) throws IOException {
        if (SYNC_DIRECTORIES) {
            try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }
}
