package io.curbside.sdk;

import io.curbside.sdk.api.RequestsApi;
import io.curbside.sdk.model.NewServiceRequest;
import io.curbside.sdk.model.ServiceRequestCreated;

import java.io.File;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps a resident's reports on the phone until the city has them, so none is lost when the network drops and none
 * is filed twice when it is sent again.
 *
 * <p>Each report is written to its own directory with copies of its photos and an Idempotency-Key fixed once, at
 * {@link #enqueue}; every attempt sends that same key, so the city answers a resend of a report it already filed with
 * the first answer instead of filing it again. The server remembers keys for a week by default (never under 24 hours).
 * A filed report's answer is kept in {@link #filed()} until the app {@link #acknowledge}s it, so a tracking number and
 * receipt token survive the app stopping before it stored them.
 *
 * <p>A report the city answers with 408, 409, 429, a 5xx, or not at all, waits: 30 seconds after the first failure,
 * doubling to at most 30 minutes (a longer {@code Retry-After} is capped there too). A report the city refuses
 * with any other 4xx can never be filed as it is: it moves to {@link #refused()} with the city's problem, for the
 * resident to see, until the app {@link #discard}s it.
 *
 * <p>Safe to share between threads: one round of {@link #sendPending()} runs at a time (a second caller waits for
 * it), and {@link #enqueue} never waits for the network. One outbox per directory, in one process.
 */
public class ReportOutbox {

    private static final long FIRST_WAIT_MILLIS = 30_000L;
    private static final long LONGEST_WAIT_MILLIS = 30 * 60_000L;

    private final RequestsApi requests;
    private final Clock clock;
    private final File pending;
    private final File refused;
    /** Filed reports' answers, kept until the app {@link #acknowledge}s them: a receipt token is never lost. */
    private final File filed;
    /** Entries being written, or being deleted: never sent, and emptied when an outbox opens. */
    private final File unfinished;
    private final Object sending = new Object();
    private long lastStamp;

    public ReportOutbox(File directory, CurbsideClient client) throws IOException {
        this(directory, client, Clock.systemUTC());
    }

    /** The client must be a {@link CurbsideClient}: the generated one alone would send the photos nowhere. */
    public ReportOutbox(File directory, CurbsideClient client, Clock clock) throws IOException {
        this.requests = new RequestsApi(client);
        this.clock = clock;
        this.pending = directory(new File(directory, "pending"));
        this.refused = directory(new File(directory, "refused"));
        this.filed = directory(new File(directory, "filed"));
        this.unfinished = directory(new File(directory, "unfinished"));
        for (File leftover : list(unfinished)) {
            deleteTree(leftover);
        }
        for (File entry : list(pending)) {
            lastStamp = Math.max(lastStamp, stamp(entry.getName()));
        }
    }

    /**
     * Keeps the report and copies of its photos until they are filed; the photos may be deleted once this returns.
     *
     * @return the id of the report in the outbox, found again in {@link #pending()} and in each {@link Delivery}
     */
    public String enqueue(NewServiceRequest report, List<File> photos) throws IOException {
        if (report == null) {
            throw new IllegalArgumentException("a report is needed");
        }
        String id = nextId();
        File draft = new File(unfinished, id);
        try {
            if (!draft.mkdir()) {
                throw new IOException("cannot create " + draft);
            }
            OutboxReport.write(draft, report, photos == null ? Collections.<File>emptyList() : photos,
                    UUID.randomUUID().toString(), clock.instant());
            // The rename makes the entry appear whole or not at all: a crash before it leaves only unfinished/.
            move(draft, new File(pending, id));
        } finally {
            if (draft.exists()) {
                deleteTree(draft);
            }
        }
        return id;
    }

    /**
     * Sends every pending report whose time has come, oldest first. When the phone turns out to be offline the round
     * stops there: the reports after it would fail the same way, and wait for the next round without a failed
     * attempt against them.
     *
     * @return what became of each report tried, in order
     */
    public List<Delivery> sendPending() throws IOException {
        synchronized (sending) {
            List<Delivery> deliveries = new ArrayList<Delivery>();
            for (OutboxReport report : pending()) {
                Instant now = clock.instant();
                Instant next = report.getNextAttemptAt();
                // No wait is longer than the longest back-off: a later time was set by a clock that was wrong.
                if (next.isAfter(now) && !next.isAfter(now.plusMillis(LONGEST_WAIT_MILLIS))) {
                    continue;
                }
                Delivery delivery = send(report);
                deliveries.add(delivery);
                if (delivery.getOutcome() == Delivery.Outcome.WAITING && delivery.getStatusCode() == 0) {
                    break;
                }
            }
            return deliveries;
        }
    }

    /** The reports waiting to be filed, oldest first: what the app shows as "2 reports waiting to send". */
    public List<OutboxReport> pending() {
        return entries(pending, READ_REPORT);
    }

    /** The reports the city refused, each with its problem, oldest first. */
    public List<OutboxReport> refused() {
        return entries(refused, READ_REPORT);
    }

    /**
     * The city's answers to the reports filed and not yet {@link #acknowledge}d, oldest first: what
     * an app that stopped before it stored a tracking number and receipt token reads on its next start.
     */
    public List<Delivery> filed() {
        return entries(filed, new Reader<Delivery>() {
            @Override
            public Delivery read(File entry) throws IOException {
                return OutboxReport.answer(entry);
            }
        });
    }

    /** Forgets a filed report's answer, once the app has stored its tracking number and receipt token. */
    public void acknowledge(String id) throws IOException {
        remove(filed, id, "filed");
    }

    /** Forgets a refused report, once the resident has seen why (and perhaps enqueued a corrected one). */
    public void discard(String id) throws IOException {
        remove(refused, id, "refused");
    }

    private Delivery send(OutboxReport report) throws IOException {
        try {
            ApiResponse<ServiceRequestCreated> answer = requests.createServiceRequestWithHttpInfo(report.getReport(),
                    report.idempotencyKey(), null, report.getPhotos());
            boolean replayed = "true".equalsIgnoreCase(header(answer.getHeaders(), "Idempotent-Replayed"));
            // Kept before the entry stops being pending: if this fails (a full disk), the entry is sent
            // again with its key, and the city answers it again.
            report.recordAnswer(answer.getStatusCode(), answer.getData(), replayed);
            move(report.directory(), new File(filed, report.getId()));
            return Delivery.filed(report.getId(), answer.getStatusCode(), answer.getData(), replayed);
        } catch (ApiException e) {
            if (refuses(e.getCode())) {
                report.recordProblem(e.getResponseBody());
                move(report.directory(), new File(refused, report.getId()));
                return Delivery.refused(report.getId(), e.getCode(), e.getResponseBody());
            }
            Instant next = clock.instant().plusMillis(delayAfter(report.getAttempts() + 1, e.getResponseHeaders()));
            report.failedAttempt(next);
            return Delivery.waiting(report.getId(), e.getCode(), e.getResponseBody(), next);
        } catch (RuntimeException unreadable) {
            // A 2xx the SDK cannot read (a Wi-Fi login page, say) is no answer from the city: try again later.
            Instant next = clock.instant().plusMillis(delayAfter(report.getAttempts() + 1, null));
            report.failedAttempt(next);
            return Delivery.waiting(report.getId(), 0, null, next);
        }
    }

    /** Only the city's clear "no" refuses a report; a 2xx the SDK could not read, or a 3xx, is no answer at all. */
    private static boolean refuses(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
    }

    private static long delayAfter(int attempts, Map<String, List<String>> headers) {
        long backOff = FIRST_WAIT_MILLIS << Math.min(attempts - 1, 16);
        long asked = 0;
        String retryAfter = header(headers, "Retry-After");
        if (retryAfter != null && retryAfter.trim().matches("[0-9]{1,9}")) {
            asked = Long.parseLong(retryAfter.trim()) * 1000L;
        }
        return Math.min(Math.max(backOff, asked), LONGEST_WAIT_MILLIS);
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    /** Ids sort in the order reports were enqueued, even when the phone's clock is set back. */
    private synchronized String nextId() {
        lastStamp = Math.max(clock.millis(), lastStamp + 1);
        return String.format(Locale.ROOT, "%013d-%s", lastStamp, UUID.randomUUID().toString().substring(0, 8));
    }

    private static long stamp(String id) {
        try {
            return Long.parseLong(id.substring(0, id.indexOf('-')));
        } catch (RuntimeException notAnId) {
            return 0;
        }
    }

    /** Reads one entry of a folder. */
    private interface Reader<T> {
        T read(File entry) throws IOException;
    }

    private static final Reader<OutboxReport> READ_REPORT = new Reader<OutboxReport>() {
        @Override
        public OutboxReport read(File entry) throws IOException {
            return OutboxReport.read(entry);
        }
    };

    /** A folder's entries, oldest first. */
    private static <T> List<T> entries(File directory, Reader<T> reader) {
        File[] names = list(directory);
        Arrays.sort(names);
        List<T> entries = new ArrayList<T>();
        for (File entry : names) {
            try {
                entries.add(reader.read(entry));
            } catch (IOException goneOrUnreadable) {
                // Moved on while we listed, or damaged outside the SDK: nothing to hand back.
            }
        }
        return entries;
    }

    /** Forgets an entry the app is done with, by the id it was given. */
    private void remove(File folder, String id, String what) throws IOException {
        File entry = new File(folder, id);
        if (!id.matches("[0-9a-f-]+") || !entry.isDirectory()) {
            throw new IllegalArgumentException("no " + what + " report " + id);
        }
        remove(entry);
    }

    /** Moves an entry aside before deleting it, so a crash half way leaves nothing that could be sent again. */
    private void remove(File entry) throws IOException {
        File doomed = new File(unfinished, entry.getName() + "-" + UUID.randomUUID());
        move(entry, doomed);
        deleteTree(doomed);
    }

    private static void move(File from, File to) throws IOException {
        if (!from.renameTo(to)) {
            throw new IOException("cannot move " + from + " to " + to);
        }
    }

    private static File directory(File directory) throws IOException {
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IOException("cannot create " + directory);
        }
        return directory;
    }

    private static File[] list(File directory) {
        File[] files = directory.listFiles();
        return files == null ? new File[0] : files;
    }

    private static void deleteTree(File file) {
        for (File child : list(file)) {
            deleteTree(child);
        }
        file.delete();
    }
}
