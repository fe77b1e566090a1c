package io.curbside.api.photos;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Photos as objects in one bucket of AWS S3 or any S3-compatible store (MinIO, Ceph, Garage, s3proxy...). */
public final class S3PhotoStore implements PhotoStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    /** Takes ownership of the client: {@link #close()} closes it. */
    public S3PhotoStore(S3Client s3, String bucket, String prefix) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** A store with a client of its own, made from the settings; no request is sent yet. */
    public static S3PhotoStore connect(PhotoStoreSettings.S3 settings) {
        if (settings.bucket() == null) {
            throw new IllegalArgumentException(PhotoStoreSettings.S3_BUCKET + " is required");
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // Since SDK 2.30 every upload carries a CRC trailer in aws-chunked encoding, which
                // several S3-compatible stores reject; checksums only where the API requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new S3PhotoStore(builder.build(), settings.bucket(), settings.prefix());
    }

    private static AwsCredentialsProvider credentials(PhotoStoreSettings.S3 settings) {
        if (settings.accessKey() != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        }
        // Environment, system properties, ~/.aws, web identity (EKS), container and instance roles.
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        String object = object(key);
        try {
            s3.putObject(b -> b.bucket(bucket).key(object).contentType(contentType).contentLength((long) bytes.length),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("put", object, e);
        }
    }

    @Override
    public Optional<StoredFile> open(String key) throws IOException {
        String object = object(key);
        try {
            ResponseInputStream<GetObjectResponse> content = s3.getObject(b -> b.bucket(bucket).key(object));
            Long length = content.response().contentLength();
            if (length == null) {
                content.abort();
                throw new IOException("S3 get of " + object + " in bucket " + bucket + " failed: the answer has no Content-Length");
            }
            return Optional.of(new StoredFile(content, length));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (isMissingObject(e)) {
                return Optional.empty();
            }
            throw failure("get", object, e);
        } catch (SdkException e) {
            throw failure("get", object, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String object = object(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(object));
        } catch (AwsServiceException e) {
            // S3 answers 204 for a missing key; some compatible stores answer 404 instead.
            if (!isMissingObject(e)) {
                throw failure("delete", object, e);
            }
        } catch (SdkException e) {
            throw failure("delete", object, e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private String object(String key) {
        return prefix + PhotoKeys.checked(key);
    }

    /** A 404 that is not about the bucket: a missing bucket is a misconfiguration, not a missing photo. */
    private static boolean isMissingObject(AwsServiceException e) {
        return e.statusCode() == 404 && (e.awsErrorDetails() == null || !"NoSuchBucket".equals(e.awsErrorDetails().errorCode()));
    }

    private IOException failure(String action, String object, SdkException e) {
        String why = e.getMessage();
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            why = "HTTP " + service.statusCode() + " " + service.awsErrorDetails().errorCode()
                    + ": " + service.awsErrorDetails().errorMessage();
        }
        return new IOException("S3 " + action + " of " + object + " in bucket " + bucket + " failed: " + why, e);
    }
}
