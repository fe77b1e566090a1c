package io.curbside.api.photos;

import io.curbside.api.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The S3 store against a real S3 API (S3Proxy): the contract, plus content types, prefixes and failures. */
class S3PhotoStoreTest extends PhotoStoreContract {

    private static final String BUCKET = "curbside-photos";
    private static S3Server server;
    private static S3Client s3;

    private String prefix;
    private S3PhotoStore store;

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
        server.createBucket(BUCKET);
        s3 = server.client();
    }

    @AfterAll
    static void stopServer() {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyStore() {
        // A prefix of its own per test: the bucket is shared, the store starts empty all the same.
        prefix = "t-" + UUID.randomUUID();
        store = connect(BUCKET, S3Server.SECRET_KEY, server.endpoint(), prefix);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    PhotoStore store() {
        return store;
    }

    private static S3PhotoStore connect(String bucket, String secret, URI endpoint, String prefix) {
        return S3PhotoStore.connect(new PhotoStoreSettings.S3(
                endpoint, S3Server.REGION, bucket, prefix, true, S3Server.ACCESS_KEY, secret));
    }

    @Test
    void theContentTypeIsStoredWithTheObjectUnderThePrefix() throws IOException {
        store.put("2026/11/24/abc-display.webp", bytes("webp"), "image/webp");

        var head = s3.headObject(b -> b.bucket(BUCKET).key(prefix + "/2026/11/24/abc-display.webp"));
        assertEquals("image/webp", head.contentType());
        assertEquals(4, head.contentLength());
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("2026/11/24/abc-display.webp")));
    }

    @Test
    void aWrongSecretIsAnIOExceptionNamingTheBucket() {
        try (S3PhotoStore wrong = connect(BUCKET, "not-the-secret", server.endpoint(), prefix)) {
            IOException put = assertThrows(IOException.class, () -> wrong.put(KEY, bytes("photo"), JPEG));
            assertTrue(put.getMessage().contains("bucket " + BUCKET) && put.getMessage().contains(KEY), put.getMessage());
            // Refused is not missing: a reader must not conclude the photo is gone.
            assertThrows(IOException.class, () -> wrong.open(KEY));
            assertThrows(IOException.class, () -> wrong.delete(KEY));
        }
    }

    @Test
    void aMissingBucketIsAnErrorNotAMissingPhoto() {
        try (S3PhotoStore missing = connect("no-such-bucket", S3Server.SECRET_KEY, server.endpoint(), prefix)) {
            IOException open = assertThrows(IOException.class, () -> missing.open(KEY));
            assertTrue(open.getMessage().contains("no-such-bucket") && open.getMessage().contains("NoSuchBucket"), open.getMessage());
            assertThrows(IOException.class, () -> missing.put(KEY, bytes("photo"), JPEG));
            assertThrows(IOException.class, () -> missing.delete(KEY));
        }
    }

    @Test
    void anUnreachableStoreIsAnIOException() throws IOException {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (S3PhotoStore unreachable = connect(BUCKET, S3Server.SECRET_KEY, nobody, prefix)) {
            IOException e = assertThrows(IOException.class, () -> unreachable.put(KEY, bytes("photo"), JPEG));
            assertTrue(e.getMessage().contains("bucket " + BUCKET), e.getMessage());
        }
    }
}
