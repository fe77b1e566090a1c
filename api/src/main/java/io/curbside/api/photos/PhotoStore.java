package io.curbside.api.photos;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where photo files live: a directory on disk (the default) or any S3-compatible object store,
 * chosen by configuration. Keys are made by the server ("2026/11/24/3q7h2k9c1m5x8v4b-display.jpg"),
 * never by a client.
 */
public interface PhotoStore {

    /** Stores the bytes under the key, replacing nothing: when it returns, the file is durable. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The file under the key, if there is one; the caller closes the stream. */
    Optional<StoredFile> open(String key) throws IOException;

    /** Removes the file; a key with no file is not an error. */
    void delete(String key) throws IOException;

    /**
     * Removes what writes cut short by a crash left behind in these folders of keys, if older
     * than {@code before}; says how many. An object store's writes leave nothing behind.
     */
    default int deleteAbandonedWrites(List<String> folders, Instant before) throws IOException {
        return 0;
    }

    /** A stored file being read. */
    record StoredFile(InputStream content, long length) {
    }
}
