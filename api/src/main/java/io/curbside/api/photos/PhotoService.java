package io.curbside.api.photos;

import io.curbside.api.i18n.Messages;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.PublicUrls;
import io.curbside.contract.model.PhotoRef;
import io.curbside.contract.model.PhotoSize;
import io.curbside.contract.model.Violation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Photos of requests: checks and re-encodes uploads, stores them so that a request and its
 * photos commit together or not at all, and serves them to whoever may see them.
 *
 * <p>Files are written before the request commits (a 2xx must never lack its photos), after a
 * journal row that the commit removes: a crash in between leaves a journal row, and
 * {@link #sweepOrphans} deletes the files it names.
 */
@Singleton
public class PhotoService {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);
    private static final String ID_SYMBOLS = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PhotoProcessor processor;
    private final long maxBytes;
    private final PhotoStore store;
    private final PhotoRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final PublicUrls urls;
    /** Decoding is memory-hungry: at most this many photos are decoded at once on a node. */
    private final Semaphore decoding;

    public PhotoService(PhotoStore store, PhotoRepository repository, TransactionOperations<Connection> transactions,
                        PublicUrls urls, PhotoSettings settings) {
        this.processor = new PhotoProcessor(new PhotoLimits(settings.maxBytes(), settings.maxPixels(), 1600, 320));
        this.maxBytes = settings.maxBytes();
        this.store = store;
        this.repository = repository;
        this.transactions = transactions;
        this.urls = urls;
        this.decoding = new Semaphore(Math.max(1, settings.concurrentDecodes()), true);
    }

    /** Refuses an upload over the size limit before its bytes are read into memory. */
    public void refuseIfTooLarge(int index, long size) {
        if (size > maxBytes) {
            Map<String, String> values = Map.of("number", String.valueOf(index + 1), "size", String.valueOf(size),
                    "max", String.valueOf(maxBytes));
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, Messages.problem("problem.photo.too_large", values),
                    List.of(new Violation("photos[" + index + "]", Messages.problem("problem.photo.bytes", values))));
        }
    }

    /** The upload at that position checked and re-encoded; a refusal names {@code photos[index]}. */
    public ProcessedPhoto process(int index, byte[] upload) {
        String field = "photos[" + index + "]";
        try {
            decoding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to decode a photo", e);
        }
        try {
            return processor.process(upload);
        } catch (PhotoRejectedException e) {
            ProblemType type = switch (e.reason()) {
                case UNSUPPORTED_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
                case TOO_MANY_BYTES, TOO_MANY_PIXELS -> ProblemType.PAYLOAD_TOO_LARGE;
                case UNREADABLE -> ProblemType.INVALID_PHOTO;
            };
            throw new ProblemException(type, Messages.problem("problem.photo.numbered",
                    Map.of("number", String.valueOf(index + 1), "problem", e.getMessage())),
                    List.of(new Violation(field, e.getMessage())));
        } finally {
            decoding.release();
        }
    }

    /** Photos written to the store, not yet part of any request. */
    public record Staged(List<PhotoRepository.Row> rows) {
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            rows.forEach(r -> {
                keys.add(r.displayKey());
                keys.add(r.thumbnailKey());
            });
            return keys;
        }
    }

    /** Writes the photos' files under new names, journalled first. */
    public Staged stage(List<ProcessedPhoto> photos) {
        List<PhotoRepository.Row> rows = new ArrayList<>();
        String day = dayFolder(LocalDate.now(ZoneOffset.UTC));
        for (int i = 0; i < photos.size(); i++) {
            ProcessedPhoto p = photos.get(i);
            String id = newId();
            rows.add(new PhotoRepository.Row(id, i + 1, day + "/" + id + "-display.jpg", p.display().width(),
                    p.display().height(), p.display().bytes().length, day + "/" + id + "-thumbnail.jpg",
                    p.thumbnail().bytes().length, false));
        }
        Staged staged = new Staged(rows);
        if (rows.isEmpty()) {
            return staged;
        }
        transactions.executeWrite(s -> {
            repository.journal(staged.keys());
            return null;
        });
        try {
            for (int i = 0; i < rows.size(); i++) {
                store.put(rows.get(i).displayKey(), photos.get(i).display().bytes(), "image/jpeg");
                store.put(rows.get(i).thumbnailKey(), photos.get(i).thumbnail().bytes(), "image/jpeg");
            }
        } catch (IOException e) {
            discard(staged);
            throw new UncheckedIOException("could not store a photo", e);
        }
        return staged;
    }

    /** Makes the staged photos the request's; call inside the transaction that commits the request. */
    public void attach(long requestId, Staged staged) {
        if (!staged.rows().isEmpty()) {
            repository.insert(requestId, staged.rows());
            if (repository.unjournal(staged.keys()).size() != staged.keys().size()) {
                // The sweeper took them for orphans (the intake outlived the grace period): their files may be gone.
                throw new IllegalStateException("the photo files were swept before their request committed");
            }
        }
    }

    /**
     * Deletes staged files after the request failed to commit. Only files still journalled are
     * deleted: when the failure came after a commit that did happen (a connection lost while
     * committing), the commit took them off the journal, and they stay.
     */
    public void discard(Staged staged) {
        if (!staged.rows().isEmpty()) {
            deleteFiles(transactions.executeWrite(s -> repository.claim(staged.keys())));
        }
    }

    /** The request's photos, all of them or the public ones, with their URLs. */
    public List<PhotoRef> refs(long requestId, String trackingNumber, boolean publicOnly) {
        return transactions.executeRead(s -> repository.ofRequest(requestId, publicOnly)).stream()
                .map(r -> new PhotoRef(r.id(), urls.photo(trackingNumber, r.id(), PhotoSize.DISPLAY.getValue()),
                        urls.photo(trackingNumber, r.id(), PhotoSize.THUMBNAIL.getValue()), r.width(), r.height()))
                .toList();
    }

    /** A photo file to serve, if the photo exists and the caller may see it. */
    public Optional<PhotoStore.StoredFile> open(long requestId, String photoId, PhotoSize size, boolean reporter)
            throws IOException {
        Optional<PhotoRepository.Row> row = transactions.executeRead(s -> repository.find(requestId, photoId));
        if (row.isEmpty() || !(row.get().isPublic() || reporter)) {
            return Optional.empty();
        }
        return store.open(size == PhotoSize.DISPLAY ? row.get().displayKey() : row.get().thumbnailKey());
    }

    /** Whether the photo is public (served to anyone, cacheable by anyone). */
    public boolean isPublic(long requestId, String photoId) {
        return transactions.executeRead(s -> repository.find(requestId, photoId)).map(PhotoRepository.Row::isPublic)
                .orElse(false);
    }

    /**
     * Deletes the files of requests that never committed, and what writes cut short by a crash
     * left in the last two days' folders; any node may run it at any time.
     */
    public int sweepOrphans(long graceSeconds) {
        int orphans = deleteFiles(transactions.executeWrite(s -> repository.claimOrphans(graceSeconds, 500)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try {
            return orphans + store.deleteAbandonedWrites(List.of(dayFolder(today), dayFolder(today.minusDays(1))),
                    Instant.now().minusSeconds(graceSeconds));
        } catch (IOException e) {
            LOG.warn("Could not clear abandoned photo writes; will try again", e);
            return orphans;
        }
    }

    /** Photos are filed by the UTC day they came in ("2026/11/24"), so no folder grows for ever. */
    private static String dayFolder(LocalDate day) {
        return day.toString().replace('-', '/');
    }

    /**
     * Deletes claimed files with no transaction open (an object store may be slow), then forgets
     * them; the claim on one that cannot be deleted now is given back for the next sweep. A crash
     * in between leaves the rows, whose claims lapse for the sweeper.
     */
    private int deleteFiles(List<String> keys) {
        List<String> deleted = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String key : keys) {
            try {
                store.delete(key);
                deleted.add(key);
            } catch (IOException e) {
                LOG.warn("Could not delete photo file {} now; the sweeper will try again", key, e);
                failed.add(key);
            }
        }
        if (!keys.isEmpty()) {
            transactions.executeWrite(s -> {
                if (!deleted.isEmpty()) {
                    repository.forget(deleted);
                }
                if (!failed.isEmpty()) {
                    repository.unclaim(failed);
                }
                return null;
            });
        }
        return deleted.size();
    }

    private static String newId() {
        StringBuilder id = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            id.append(ID_SYMBOLS.charAt(RANDOM.nextInt(ID_SYMBOLS.length())));
        }
        return id.toString();
    }
}
