package io.curbside.api.photos;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes photo files whose request never committed (a node died mid-intake), on every node. */
@Singleton
class PhotoSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoSweeper.class);

    private final PhotoService photos;
    private final long graceSeconds;

    PhotoSweeper(PhotoService photos, PhotoSettings settings) {
        this.photos = photos;
        this.graceSeconds = settings.orphanGraceSeconds();
    }

    @Scheduled(fixedDelay = "${curbside.photos.sweep-interval}", initialDelay = "2m")
    void sweep() {
        int deleted = photos.sweepOrphans(graceSeconds);
        if (deleted > 0) {
            LOG.info("Deleted {} photo files of requests that never committed", deleted);
        }
    }
}
