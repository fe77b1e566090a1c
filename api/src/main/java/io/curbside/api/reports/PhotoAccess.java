package io.curbside.api.reports;

import io.curbside.api.photos.PhotoService;
import io.curbside.api.photos.PhotoStore;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.requests.StoredRequests;
import io.curbside.contract.model.PhotoSize;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Who may see a photo: anyone when it is public, else only the reporter; everyone else gets a 404. */
@Singleton
class PhotoAccess {

    private final StoredRequests requests;
    private final PhotoService photos;

    PhotoAccess(StoredRequests requests, PhotoService photos) {
        this.requests = requests;
        this.photos = photos;
    }

    /** An opened photo file the caller may see. */
    record Granted(PhotoStore.StoredFile file, boolean isPublic) {
        void close() {
            try {
                file.content().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Granted open(String trackingNumber, String photoId, PhotoSize size, String receiptToken, UUID caller) {
        StoredRequests.Owner owner = requests.owner(trackingNumber, receiptToken, caller);
        try {
            return photos.open(owner.requestId(), photoId, size, owner.reporter())
                    .map(file -> new Granted(file, photos.isPublic(owner.requestId(), photoId)))
                    .orElseThrow(() -> ProblemException.notFound("There is no such photo of request " + trackingNumber + "."));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a stored photo", e);
        }
    }
}
