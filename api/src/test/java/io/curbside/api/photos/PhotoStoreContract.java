package io.curbside.api.photos;

import io.curbside.api.photos.PhotoStore.StoredFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every {@link PhotoStore} must do; each back end runs it against a real store of its kind. */
abstract class PhotoStoreContract {

    static final String KEY = "2026/11/24/3q7h2k9c1m5x8v4b-display.jpg";
    static final String JPEG = "image/jpeg";

    /** The store under test, empty at the start of each test. */
    abstract PhotoStore store();

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The whole content, and checks that the announced length is the real one. */
    static byte[] read(PhotoStore store, String key) throws IOException {
        StoredFile file = store.open(key).orElseThrow(() -> new AssertionError("no file under " + key));
        try (InputStream in = file.content()) {
            byte[] content = in.readAllBytes();
            assertEquals(content.length, file.length(), "announced length of " + key);
            return content;
        }
    }

    @Test
    void whatIsPutIsReadBackWithItsLength() throws IOException {
        byte[] photo = randomBytes(12_345, 1);
        store().put(KEY, photo, JPEG);
        assertArrayEquals(photo, read(store(), KEY));
    }

    @Test
    void anEmptyFileIsStillAFile() throws IOException {
        store().put(KEY, new byte[0], JPEG);
        assertArrayEquals(new byte[0], read(store(), KEY));
    }

    @Test
    void aMissingKeyOpensEmpty() throws IOException {
        assertEquals(Optional.empty(), store().open(KEY));
    }

    @Test
    void aDeletedFileIsGone() throws IOException {
        store().put(KEY, bytes("photo"), JPEG);
        store().delete(KEY);
        assertEquals(Optional.empty(), store().open(KEY));
    }

    @Test
    void deletingTwiceOrWhatNeverWasIsFine() throws IOException {
        store().put(KEY, bytes("photo"), JPEG);
        store().delete(KEY);
        assertDoesNotThrow(() -> store().delete(KEY));
        assertDoesNotThrow(() -> store().delete("2026/01/01/never-stored.jpg"));
    }

    @Test
    void aSecondPutReplacesTheFirstEntirely() throws IOException {
        store().put(KEY, bytes("a longer first version"), JPEG);
        store().put(KEY, bytes("second"), JPEG);
        assertArrayEquals(bytes("second"), read(store(), KEY));
    }

    @Test
    void keysAreIndependentEvenWhenOneLooksLikeAFolderOfAnother() throws IOException {
        store().put("2026/11/24/a-display.jpg", bytes("a"), JPEG);
        store().put("2026/11/24/b-display.jpg", bytes("b"), JPEG);
        store().delete("2026/11/24/a-display.jpg");
        store().delete("2026/11/24");
        assertEquals(Optional.empty(), store().open("2026/11/24"));
        assertEquals(Optional.empty(), store().open("2026/11/24/a-display.jpg"));
        assertArrayEquals(bytes("b"), read(store(), "2026/11/24/b-display.jpg"));
    }

    @Test
    void aKeyBelowAnotherKeyIsSimplyMissing() throws IOException {
        store().put("2026/11", bytes("a file named like a folder"), JPEG);
        assertEquals(Optional.empty(), store().open("2026/11/24/a.jpg"));
        assertDoesNotThrow(() -> store().delete("2026/11/24/a.jpg"));
        assertArrayEquals(bytes("a file named like a folder"), read(store(), "2026/11"));
    }

    @Test
    void fiveMegabytesRoundTrip() throws IOException {
        byte[] photo = randomBytes(5 * 1024 * 1024, 5);
        store().put(KEY, photo, JPEG);
        assertArrayEquals(photo, read(store(), KEY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../escape.jpg", "2026/../../escape.jpg", "2026//a.jpg", "2026/11/",
            ".", "./a.jpg", "2026/./a.jpg", "Upper.jpg", "a b.jpg", "a\\b.jpg", "a\u0000.jpg", "caf\u00e9.jpg", "a%2f..%2fb"})
    void keysThatCouldLeaveTheStoreAreRefused(String key) {
        assertThrows(IllegalArgumentException.class, () -> store().put(key, bytes("x"), JPEG), "put " + key);
        assertThrows(IllegalArgumentException.class, () -> store().open(key), "open " + key);
        assertThrows(IllegalArgumentException.class, () -> store().delete(key), "delete " + key);
    }

    @Test
    void everyCharacterAServerKeyMayUseIsAccepted() throws IOException {
        String key = "abc-xyz_0123456789/photo.v2.jpg";
        store().put(key, bytes("ok"), JPEG);
        assertArrayEquals(bytes("ok"), read(store(), key));
    }
}
