package io.curbside.api.photos;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.value.PropertyResolver;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where photos are kept, from the {@code curbside.photos.*} properties; an impossible combination
 * is refused here, so the application does not start with it.
 *
 * @param store     {@code disk} or {@code s3}
 * @param directory the root of the disk store (relative to the working directory unless absolute);
 *                  required when {@code store} is {@code disk}
 * @param s3        the object store, used when {@code store} is {@code s3}
 */
public record PhotoStoreSettings(String store, @Nullable Path directory, S3 s3) {

    public static final String STORE = "curbside.photos.store";
    public static final String DIRECTORY = "curbside.photos.directory";
    public static final String S3_ENDPOINT = "curbside.photos.s3.endpoint";
    public static final String S3_REGION = "curbside.photos.s3.region";
    public static final String S3_BUCKET = "curbside.photos.s3.bucket";
    public static final String S3_PREFIX = "curbside.photos.s3.prefix";
    public static final String S3_PATH_STYLE = "curbside.photos.s3.path-style";
    public static final String S3_ACCESS_KEY = "curbside.photos.s3.access-key";
    public static final String S3_SECRET_KEY = "curbside.photos.s3.secret-key";

    public static final String DISK = "disk";
    public static final String S3_STORE = "s3";

    public PhotoStoreSettings {
        Objects.requireNonNull(s3, "s3");
        if (!DISK.equals(store) && !S3_STORE.equals(store)) {
            throw new ConfigurationException(STORE + " must be " + DISK + " or " + S3_STORE + ", not \"" + store + '"');
        }
        if (DISK.equals(store) && directory == null) {
            throw new ConfigurationException(DIRECTORY + " is required when " + STORE + " is " + DISK);
        }
        if (S3_STORE.equals(store) && s3.bucket() == null) {
            throw new ConfigurationException(S3_BUCKET + " is required when " + STORE + " is " + S3_STORE);
        }
        if (S3_STORE.equals(store) && s3.region() == null) {
            throw new ConfigurationException(S3_REGION + " is required when " + STORE + " is " + S3_STORE);
        }
    }

    /**
     * An S3-compatible object store.
     *
     * @param endpoint  where it answers; {@code null} for AWS itself
     * @param region    the signing region; most other stores accept any; required when this store is used
     * @param bucket    the bucket; required when this store is used
     * @param prefix    put before every key, ending in "/" unless empty
     * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (MinIO, s3proxy)
     * @param accessKey with {@code secretKey}, fixed credentials; both {@code null} for the SDK's default chain
     * @param secretKey the secret that goes with {@code accessKey}
     */
    public record S3(@Nullable URI endpoint, @Nullable String region, @Nullable String bucket, String prefix,
                     boolean pathStyle, @Nullable String accessKey, @Nullable String secretKey) {

        public S3 {
            Objects.requireNonNull(prefix, S3_PREFIX);
            if ((accessKey == null) != (secretKey == null)) {
                throw new ConfigurationException(S3_ACCESS_KEY + " and " + S3_SECRET_KEY + " go together: set both or neither");
            }
            if (endpoint != null && (!endpoint.isAbsolute() || endpoint.getHost() == null
                    || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())))) {
                throw new ConfigurationException(S3_ENDPOINT + " must be an http(s) URL, not \"" + endpoint + '"');
            }
            prefix = normalizedPrefix(prefix);
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", pathStyle=" + pathStyle + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "***") + "]";
        }

        /** "photos", "/photos/" and "photos/" all mean keys under photos/. */
        private static String normalizedPrefix(String prefix) {
            String trimmed = prefix.strip().replaceAll("^/+|/+$", "");
            return trimmed.isEmpty() ? "" : trimmed + "/";
        }
    }

    /**
     * Reads the settings; their defaults are application.yml's. A blank value counts as unset,
     * because the environment-variable mappings there resolve an unset optional variable to "":
     * an optional value is then absent (no prefix, no path-style addressing), a required one refused.
     * Read here rather than bound with {@code @ConfigurationProperties}, whose conversions are
     * lenient: "yes" would become true, and "" an empty URI.
     */
    public static PhotoStoreSettings from(PropertyResolver properties) {
        String store = text(properties, STORE).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        Path directory = text(properties, DIRECTORY).map(Path::of).orElse(null);
        S3 s3 = new S3(
                text(properties, S3_ENDPOINT).map(PhotoStoreSettings::endpoint).orElse(null),
                text(properties, S3_REGION).orElse(null),
                text(properties, S3_BUCKET).orElse(null),
                text(properties, S3_PREFIX).orElse(""),
                text(properties, S3_PATH_STYLE).map(PhotoStoreSettings::bool).orElse(false),
                text(properties, S3_ACCESS_KEY).orElse(null),
                text(properties, S3_SECRET_KEY).orElse(null));
        return new PhotoStoreSettings(store, directory, s3);
    }

    private static Optional<String> text(PropertyResolver properties, String name) {
        return properties.get(name, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static URI endpoint(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(S3_ENDPOINT + " must be an http(s) URL, not \"" + value + '"');
        }
    }

    /** Strict, so that "yes" or a typo is refused rather than read as false. */
    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(S3_PATH_STYLE + " must be true or false, not \"" + value + '"');
        };
    }
}
