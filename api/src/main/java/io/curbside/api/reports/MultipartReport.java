package io.curbside.api.reports;

import io.curbside.api.i18n.Messages;
import io.curbside.api.photos.PhotoService;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.api.support.MultipartParts;
import io.curbside.contract.model.Violation;
import io.micronaut.http.multipart.CompletedFileUpload;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the photos of a multipart report, every part named {@code photos}, in the order sent:
 * at most five, each refused before it is read when it is over the size limit. Reading stops
 * at the first photo too many, so a client cannot make the server buffer an endless form.
 */
@Singleton
class MultipartReport {

    static final int MAX_PHOTOS = 5;
    /**
     * A guard only: Micronaut hands the parts over once the whole body is in, and the server's
     * idle timeout (CURBSIDE_IDLE_TIMEOUT) ends an upload that stalls before that.
     */

    private final PhotoService photos;

    MultipartReport(PhotoService photos) {
        this.photos = photos;
    }

    /** The photos' bytes. The publisher is Micronaut's stream of the "photos" parts. */
    List<byte[]> photos(Publisher<CompletedFileUpload> parts) {
        List<CompletedFileUpload> received = MultipartParts.collect(parts, MAX_PHOTOS, CompletedFileUpload::discard, "the photos");
        int read = 0;
        try {
            if (received.size() > MAX_PHOTOS) {
                List<Violation> v = List.of(new Violation("photos",
                        Messages.problem("problem.photos.too_many", Map.of("max", String.valueOf(MAX_PHOTOS)))));
                throw new ProblemException(ProblemType.INVALID_FIELDS, Problems.correct(v), v);
            }
            List<byte[]> uploads = new ArrayList<>();
            for (CompletedFileUpload part : received) {
                photos.refuseIfTooLarge(uploads.size(), part.getSize());
                read++;
                uploads.add(bytes(part));
            }
            return uploads;
        } finally {
            // getBytes() discards the part it reads, even when it fails: discarding it again released
            // Micronaut's own reference, and its release of the form then threw IllegalReferenceCountException.
            received.subList(read, received.size()).forEach(CompletedFileUpload::discard);
        }
    }

    private static byte[] bytes(CompletedFileUpload part) {
        try {
            return part.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read an uploaded photo", e);
        }
    }
}
