package io.curbside.api.downloads;

import io.curbside.api.opendata.query.ItemsParameters;
import io.curbside.api.opendata.query.ItemsQuery;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The daily snapshots: each format of the whole published dataset, gzipped, written once a day by one node (the
 * one that takes the database's advisory lock; the others skip the run) into {@code CURBSIDE_OPENDATA_SNAPSHOT_DIR},
 * and listed in {@code opendata.snapshot}. A file is written under a temporary name, synced, then renamed: its
 * row is inserted only after, so a listed snapshot is always whole. Snapshots past the retention go, rows then
 * files, and so do stale ones (V34: they may hold what was since taken out of public view), today's then
 * written again.
 */
@Singleton
class Snapshots {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);
    /** Temporary files start with a dot and end in .part: no snapshot name looks like that. */
    private static final String TEMP_SUFFIX = ".part";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final SnapshotRepository repository;
    private final TransactionOperations<Connection> transactions;
    private final TransactionOperations<Connection> reads;
    private final Exports exports;
    private final ItemsParameters parameters;
    private final SnapshotSettings settings;
    private final Clock clock;

    Snapshots(SnapshotRepository repository, TransactionOperations<Connection> transactions,
              @Named("opendata") TransactionOperations<Connection> reads, Exports exports, ItemsParameters parameters,
              SnapshotSettings settings, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.reads = reads;
        this.exports = exports;
        this.parameters = parameters;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every node tries each hour; the first after midnight (UTC) that gets the lock writes the day's files. */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void scheduled() {
        try {
            int written = run();
            if (written > 0) {
                LOG.info("Wrote {} open-data snapshots in {}", written, settings.directory());
            }
        } catch (RuntimeException e) {
            LOG.warn("The open-data snapshots could not be written ({}); the next run tries again", e.toString());
        }
    }

    /**
     * Writes today's snapshot of each format that is not written yet, and deletes those past the retention; says
     * how many files it wrote: none when another node holds the lock. The lock is held (and a connection of the
     * main pool with it) for as long as the writing takes, but the job's transaction is given an id only by the
     * rows written at the end, in a moment: an open transaction with an id holds pg_snapshot_xmin back, and with
     * it the change feed and the downloads' tag, for as long as it is open. The files of the snapshots past the
     * retention are deleted once their rows are gone for good, so a rollback never leaves a listed one without.
     */
    int run() {
        Run done = transactions.executeWrite(status -> {
            if (!repository.tryLock()) {
                return new Run(0, List.of());
            }
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            Files.createDirectories(settings.directory());
            deleteAbandonedWrites();
            // A stale snapshot (one that may hold what was since taken out of public view) goes, today's is written again.
            List<String> gone = new ArrayList<>(repository.deleteStale());
            List<DownloadFormat> missing = Arrays.stream(DownloadFormat.values())
                    .filter(format -> !repository.exists(today, format)).toList();
            Written written = missing.isEmpty() ? new Written(List.of(), null) : write(today, missing);
            written.snapshots().forEach(snapshot -> repository.insert(snapshot, written.visibleBelow()));
            gone.addAll(repository.deleteBefore(today.minusDays(settings.retention().toDays() - 1)));
            repository.pruneRetractions();
            // A file written again under its name replaced the stale one already.
            gone.removeAll(written.snapshots().stream().map(Snapshot::name).toList());
            return new Run(written.snapshots().size(), gone);
        });
        for (String name : done.expired()) {
            try {
                Files.deleteIfExists(settings.directory().resolve(name));
            } catch (IOException e) {
                LOG.warn("The expired snapshot {} is no longer listed but its file could not be deleted: {}", name, e.toString());
            }
        }
        return done.written();
    }

    /** What a run wrote, and the names it unlisted. */
    private record Run(int written, List<String> expired) {
    }

    /** The snapshots a run wrote, and the horizon of the database snapshot they were read from. */
    private record Written(List<Snapshot> snapshots, String visibleBelow) {
    }

    /** The formats' files, all read from one snapshot of the database, so the day's formats hold the same rows. */
    private Written write(LocalDate date, List<DownloadFormat> formats) {
        return exports.inOneSnapshot(status -> {
            // The first statement of the transaction: it takes the database snapshot every format is read from.
            String visibleBelow = SnapshotRepository.horizon(status.getConnection());
            List<Snapshot> written = new ArrayList<>();
            for (DownloadFormat format : formats) {
                written.add(write(date, format));
            }
            return new Written(written, visibleBelow);
        });
    }

    /** The listed snapshots, newest first. */
    List<Snapshot> list() {
        return reads.executeRead(status -> repository.list());
    }

    /** A listed snapshot and its file, if both are there. */
    Optional<Listed> find(String name) {
        return reads.executeRead(status -> repository.find(name))
                .map(snapshot -> new Listed(snapshot, settings.directory().resolve(snapshot.name())))
                .filter(listed -> Files.isRegularFile(listed.file()));
    }

    /** A snapshot and where its file is. */
    record Listed(Snapshot snapshot, Path file) {
    }

    private Snapshot write(LocalDate date, DownloadFormat format) throws IOException {
        String name = Snapshot.name(date, format);
        Path target = settings.directory().resolve(name);
        Path temp = settings.directory().resolve("." + name + "." + UUID.randomUUID() + TEMP_SUFFIX);
        ItemsQuery everything = parameters.read(Map.of(), Set.of());
        MessageDigest sha256 = sha256();
        long rows;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream file = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel),
                        BUFFER_BYTES), sha256);
                GZIPOutputStream gzip = new GZIPOutputStream(file, BUFFER_BYTES);
                rows = exports.write(format, everything, exports.layers(), gzip);
                gzip.finish();
                file.flush();
                channel.force(true);
            }
            // rename(2): a reader sees no file or the whole one, never a part.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            // The new name lives in the directory: synced too, or a power cut could lose a listed file.
            try (FileChannel directory = FileChannel.open(settings.directory(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new Snapshot(name, format.extension(), date, Files.size(target), rows,
                HexFormat.of().formatHex(sha256.digest()), clock.instant());
    }

    /** What a run cut short by a crash left: no other node writes meanwhile, the lock is this run's. */
    private void deleteAbandonedWrites() throws IOException {
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(settings.directory(), ".curbside-requests-*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
