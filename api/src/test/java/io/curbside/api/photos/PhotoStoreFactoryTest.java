package io.curbside.api.photos;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.curbside.api.photos.PhotoStoreSettings.DIRECTORY;
import static io.curbside.api.photos.PhotoStoreSettings.S3_ACCESS_KEY;
import static io.curbside.api.photos.PhotoStoreSettings.S3_BUCKET;
import static io.curbside.api.photos.PhotoStoreSettings.S3_ENDPOINT;
import static io.curbside.api.photos.PhotoStoreSettings.S3_PATH_STYLE;
import static io.curbside.api.photos.PhotoStoreSettings.S3_PREFIX;
import static io.curbside.api.photos.PhotoStoreSettings.S3_REGION;
import static io.curbside.api.photos.PhotoStoreSettings.S3_SECRET_KEY;
import static io.curbside.api.photos.PhotoStoreSettings.STORE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which photo store the configuration gives, and which configurations stop the start-up. */
class PhotoStoreFactoryTest {

    /** The settings application.yml gives, with these properties set over them. */
    private static PhotoStoreSettings settings(String... nameValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], nameValues[i + 1]);
        }
        return PhotoStoreSettings.from(new PropertySourcePropertyResolver(applicationYml(), PropertySource.of("test", map)));
    }

    private static PropertySource applicationYml() {
        try (InputStream yml = PhotoStoreFactoryTest.class.getResourceAsStream("/application.yml")) {
            return PropertySource.of("application", new YamlPropertySourceLoader().read("application", yml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefused(String expectedInMessage, String... nameValues) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(nameValues));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void withNothingConfiguredPhotosGoToDataPhotosOnDisk() {
        PhotoStoreSettings defaults = settings();

        PhotoStore store = PhotoStoreFactory.create(defaults);

        DiskPhotoStore disk = assertInstanceOf(DiskPhotoStore.class, store);
        assertEquals(Path.of("data/photos").toAbsolutePath(), disk.root());
        assertAll(
                () -> assertEquals("us-east-1", defaults.s3().region()),
                () -> assertEquals("", defaults.s3().prefix()),
                () -> assertFalse(defaults.s3().pathStyle()),
                () -> assertNull(defaults.s3().endpoint()),
                () -> assertNull(defaults.s3().accessKey()));
    }

    @Test
    void theDiskDirectoryIsConfigurable() {
        DiskPhotoStore disk = assertInstanceOf(DiskPhotoStore.class,
                PhotoStoreFactory.create(settings(STORE, "disk", DIRECTORY, "/srv/curbside/photos")));
        assertEquals(Path.of("/srv/curbside/photos").toAbsolutePath(), disk.root());
    }

    @Test
    void s3ReadsEveryProperty() throws Exception {
        PhotoStoreSettings s = settings(STORE, "s3", S3_ENDPOINT, "http://127.0.0.1:9000", S3_REGION, "eu-central-1",
                S3_BUCKET, "city-photos", S3_PREFIX, "/curbside/", S3_PATH_STYLE, "true",
                S3_ACCESS_KEY, "minio", S3_SECRET_KEY, "minio-secret");

        assertEquals(new PhotoStoreSettings.S3(URI.create("http://127.0.0.1:9000"), "eu-central-1", "city-photos",
                "curbside/", true, "minio", "minio-secret"), s.s3());
        try (S3PhotoStore store = assertInstanceOf(S3PhotoStore.class, PhotoStoreFactory.create(s))) {
            assertFalse(s.toString().contains("minio-secret"), "the secret stays out of logs: " + s);
        }
    }

    @Test
    void s3WithOnlyABucketUsesAwsAndTheDefaultCredentials() throws Exception {
        PhotoStoreSettings s = settings(STORE, "S3", S3_BUCKET, "city-photos");

        assertEquals("s3", s.store());
        assertNull(s.s3().endpoint());
        assertNull(s.s3().secretKey());
        try (S3PhotoStore store = assertInstanceOf(S3PhotoStore.class, PhotoStoreFactory.create(s))) {
            assertEquals("city-photos", s.s3().bucket());
        }
    }

    @Test
    void anUnknownStoreIsRefusedNamingThePropertyAndTheChoices() {
        assertRefused(STORE + " must be disk or s3, not \"ftp\"", STORE, "ftp");
    }

    @Test
    void s3WithoutABucketIsRefusedNamingIt() {
        assertRefused(S3_BUCKET + " is required", STORE, "s3");
        // An unset environment variable arrives as "" through application.yml.
        assertRefused(S3_BUCKET + " is required", STORE, "s3", S3_BUCKET, " ");
    }

    @Test
    void aBucketIsNotNeededOnDisk() {
        assertInstanceOf(DiskPhotoStore.class, PhotoStoreFactory.create(settings(STORE, "disk", S3_BUCKET, "")));
    }

    @Test
    void halfACredentialIsRefused() {
        assertRefused(S3_ACCESS_KEY + " and " + S3_SECRET_KEY, STORE, "s3", S3_BUCKET, "b", S3_ACCESS_KEY, "minio");
        assertRefused(S3_ACCESS_KEY + " and " + S3_SECRET_KEY, STORE, "s3", S3_BUCKET, "b", S3_SECRET_KEY, "secret");
    }

    @Test
    void aMistypedEndpointOrPathStyleIsRefusedRatherThanGuessed() {
        assertRefused(S3_ENDPOINT, STORE, "s3", S3_BUCKET, "b", S3_ENDPOINT, "localhost:9000");
        assertRefused(S3_ENDPOINT, STORE, "s3", S3_BUCKET, "b", S3_ENDPOINT, "http://exa mple");
        assertRefused(S3_PATH_STYLE, STORE, "s3", S3_BUCKET, "b", S3_PATH_STYLE, "yes");
    }

    @Test
    void aPrefixMeansAFolderWhicheverWayItIsWritten() {
        for (String written : new String[] {"photos", "/photos", "photos/", "//photos//"}) {
            assertEquals("photos/", settings(S3_PREFIX, written).s3().prefix(), written);
        }
        assertEquals("", settings(S3_PREFIX, "/").s3().prefix());
    }
}
