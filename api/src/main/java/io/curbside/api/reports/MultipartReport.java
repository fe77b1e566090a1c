package io.curbside.api.reports;

import io.curbside.api.i18n.Messages;
import io.curbside.api.photos.PhotoService;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.problem.Problems;
import io.curbside.contract.model.Violation;
import io.micronaut.http.multipart.CompletedFileUpload;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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
    private static final long MAX_WAIT_MINUTES = 10;

    private final PhotoService photos;

    MultipartReport(PhotoService photos) {
        this.photos = photos;
    }

    /** The photos' bytes. The publisher is Micronaut's stream of the "photos" parts. */
    List<byte[]> photos(Publisher<CompletedFileUpload> parts) {
        List<CompletedFileUpload> received = collect(parts);
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

    /** Waits for the parts (this runs on a blocking thread, never the event loop), at most one too many. */
    private static List<CompletedFileUpload> collect(Publisher<CompletedFileUpload> parts) {
        CompletableFuture<List<CompletedFileUpload>> done = new CompletableFuture<>();
        List<CompletedFileUpload> received = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        parts.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                s.request(1);
            }

            @Override
            public void onNext(CompletedFileUpload part) {
                synchronized (received) {
                    if (done.isDone()) {
                        // The wait was given up (or is being): nobody will read this part, so let it go at once.
                        part.discard();
                        return;
                    }
                    received.add(part);
                }
                if (received.size() > MAX_PHOTOS) {
                    subscription.get().cancel();
                    done.complete(received);
                } else {
                    subscription.get().request(1);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(received);
            }
        });
        try {
            return done.get(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            received.forEach(CompletedFileUpload::discard);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the photos could not be read", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(done, subscription.get(), received);
            throw new IllegalStateException("interrupted while reading photos", e);
        } catch (TimeoutException e) {
            abandon(done, subscription.get(), received);
            throw new IllegalStateException("photos took over " + MAX_WAIT_MINUTES + " minutes to arrive", e);
        }
    }

    /** Stops the upload and frees what it had sent, on disk or in memory. */
    private static void abandon(CompletableFuture<List<CompletedFileUpload>> done, Subscription subscription,
                                List<CompletedFileUpload> received) {
        // Under the lock onNext takes: a part arriving now is either in the list, or sees the wait given up.
        synchronized (received) {
            done.cancel(false);
            received.forEach(CompletedFileUpload::discard);
        }
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
