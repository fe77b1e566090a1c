package io.curbside.api.photos;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The disk store: the contract, plus what a crash or a full or wrong directory must not do. */
class DiskPhotoStoreTest extends PhotoStoreContract {

    @TempDir
    Path temp;
    private Path root;
    private DiskPhotoStore store;

    @BeforeEach
    void emptyStore() {
        // Not created yet: the store makes its directories as it needs them.
        root = temp.resolve("photos");
        store = new DiskPhotoStore(root);
    }

    @Override
    PhotoStore store() {
        return store;
    }

    @Test
    void aFileLandsAtItsKeyUnderTheRootAndNothingElseRemains() throws IOException {
        store.put(KEY, bytes("display"), JPEG);
        store.put("2026/11/24/3q7h2k9c1m5x8v4b-thumb.jpg", bytes("thumb"), JPEG);
        store.put(KEY, bytes("display, again"), JPEG);

        assertEquals(List.of(root.resolve(KEY), root.resolve("2026/11/24/3q7h2k9c1m5x8v4b-thumb.jpg")), files(root));
        assertArrayEquals(bytes("display, again"), Files.readAllBytes(root.resolve(KEY)));
    }

    @Test
    void writesCutShortByACrashAreClearedOnceOldAndNothingElse() throws IOException {
        store.put(KEY, bytes("display"), JPEG);
        Path day = root.resolve("2026/11/24");
        Path old = Files.write(day.resolve(".put-4b0c.part"), bytes("half a photo"));
        Path fresh = Files.write(day.resolve(".put-9e1d.part"), bytes("being written now"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path elsewhere = Files.write(Files.createDirectories(root.resolve("2026/11/20")).resolve(".put-77aa.part"),
                bytes("another day"));
        Files.setLastModifiedTime(elsewhere, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        assertEquals(1, store.deleteAbandonedWrites(List.of("2026/11/24", "2026/11/23"), Instant.now().minus(Duration.ofHours(1))));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(fresh), "a write still under way is left alone");
        assertTrue(Files.exists(elsewhere), "only the folders asked for are looked at");
        assertArrayEquals(bytes("display"), Files.readAllBytes(root.resolve(KEY)));
    }

    @Test
    void aFailedPutLeavesNoTemporaryFileAndKeepsNothingHalfWritten() throws IOException {
        // A directory stands where the file should go, so the final rename must fail.
        Files.createDirectories(root.resolve(KEY).resolve("in-the-way"));

        assertThrows(IOException.class, () -> store.put(KEY, bytes("photo"), JPEG));

        assertEquals(List.of(), files(root));
    }

    @Test
    void aRootThatIsNotADirectoryIsAnIOExceptionNotALoss() throws IOException {
        Files.writeString(root, "a file, where the photo directory should be");

        IOException e = assertThrows(IOException.class, () -> store.put(KEY, bytes("photo"), JPEG));

        assertTrue(e.getMessage().contains(KEY) && e.getMessage().contains(root.toString()), e.getMessage());
    }

    @Test
    void aFileWhereADirectoryIsNeededIsAnIOException() throws IOException {
        store.put("2026/11", bytes("a file named like a folder"), JPEG);

        assertThrows(IOException.class, () -> store.put("2026/11/24/a.jpg", bytes("photo"), JPEG));
        assertArrayEquals(bytes("a file named like a folder"), read(store, "2026/11"));
    }

    @Test
    void aStreamAlreadyOpenKeepsReadingTheVersionItOpened() throws IOException {
        store.put(KEY, bytes("first"), JPEG);
        PhotoStore.StoredFile first = store.open(KEY).orElseThrow();

        store.put(KEY, bytes("second, longer"), JPEG);

        try (var in = first.content()) {
            assertArrayEquals(bytes("first"), in.readAllBytes());
        }
        assertEquals(5, first.length());
    }

    @Test
    void nothingIsWrittenOutsideTheRootForARefusedKey() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> store.put("../escape.jpg", bytes("x"), JPEG));
        assertFalse(Files.exists(temp.resolve("escape.jpg")));
        assertFalse(Files.exists(root));
    }

    /** Every regular file under the directory, temporary ones included. */
    private static List<Path> files(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
