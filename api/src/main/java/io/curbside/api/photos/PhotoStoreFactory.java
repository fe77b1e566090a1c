package io.curbside.api.photos;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;

/** Makes the one {@link PhotoStore} of the application, on disk or in S3 as configured in {@link PhotoStoreSettings}. */
@Factory
public class PhotoStoreFactory {

    private AutoCloseable opened;

    /**
     * Made at start-up ({@code @Context}, a singleton created eagerly): a misconfigured store stops the
     * application then, instead of failing a resident's first upload.
     */
    @Context
    synchronized PhotoStore photoStore(Environment environment) {
        PhotoStore store = create(PhotoStoreSettings.from(environment));
        if (store instanceof AutoCloseable closeable) {
            opened = closeable;
        }
        return store;
    }

    /** The store the settings ask for; the caller closes it if it is {@link AutoCloseable}. */
    public static PhotoStore create(PhotoStoreSettings settings) {
        if (PhotoStoreSettings.S3_STORE.equals(settings.store())) {
            return S3PhotoStore.connect(settings.s3());
        }
        return new DiskPhotoStore(settings.directory());
    }

    @PreDestroy
    public synchronized void close() throws Exception {
        if (opened != null) {
            opened.close();
            opened = null;
        }
    }
}
