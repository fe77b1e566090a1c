package io.curbside.api.photos;

import io.micronaut.context.annotation.Value;
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

    PhotoSweeper(PhotoService photos, @Value("${curbside.photos.orphan-grace-seconds:3600}") long graceSeconds) {
        this.photos = photos;
        this.graceSeconds = graceSeconds;
    }

    @Scheduled(fixedDelay = "${curbside.photos.sweep-interval:10m}", initialDelay = "2m")
    void sweep() {
        int deleted = photos.sweepOrphans(graceSeconds);
        if (deleted > 0) {
            LOG.info("Deleted {} photo files of requests that never committed", deleted);
        }
    }
}
