package io.curbside.sdk;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.ToNumberPolicy;
import io.curbside.sdk.model.NewServiceRequest;
import io.curbside.sdk.model.Problem;
import io.curbside.sdk.model.ServiceRequestCreated;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One report kept in a {@link ReportOutbox}: waiting to be sent, or refused by the city and kept for the resident. */
public final class OutboxReport {

    private static final String REPORT = "report.json";
    /** Written once at enqueue: the Idempotency-Key, when, and the photos in the order the resident chose them. */
    private static final String ENTRY = "entry.json";
    /** Rewritten after each failed attempt; absent until the first. */
    private static final String ATTEMPTS = "attempts.json";
    /** The city's answer (problem+json) to a refused report. */
    private static final String PROBLEM = "problem.json";
    /** The city's answer to a filed report (tracking number, receipt token), kept until the app has it. */
    private static final String ANSWER = "answer.json";
    /**
     * Numbers in answers are read back as written ("3" stays 3, not 3.0, and long ones keep every
     * digit), so a resend carries exactly what the resident gave.
     */
    private static final Gson EXACT_NUMBERS = JSON.getGson().newBuilder()
            .setObjectToNumberStrategy(ToNumberPolicy.LAZILY_PARSED_NUMBER).create();

    private final String id;
    private final File directory;
    private final NewServiceRequest report;
    private final List<File> photos;
    private final String idempotencyKey;
    private final Instant enqueuedAt;
    private final int attempts;
    private final Instant nextAttemptAt;
    private final String problemBody;

    private OutboxReport(File directory, NewServiceRequest report, List<File> photos, String idempotencyKey,
                         Instant enqueuedAt, int attempts, Instant nextAttemptAt, String problemBody) {
        this.id = directory.getName();
        this.directory = directory;
        this.report = report;
        this.photos = Collections.unmodifiableList(photos);
        this.idempotencyKey = idempotencyKey;
        this.enqueuedAt = enqueuedAt;
        this.attempts = attempts;
        this.nextAttemptAt = nextAttemptAt;
        this.problemBody = problemBody;
    }

    /** The id {@link ReportOutbox#enqueue} returned. */
    public String getId() {
        return id;
    }

    public NewServiceRequest getReport() {
        return report;
    }

    /** The outbox's own copies of the photos, in the order given. */
    public List<File> getPhotos() {
        return photos;
    }

    public Instant getEnqueuedAt() {
        return enqueuedAt;
    }

    /** Failed attempts so far. */
    public int getAttempts() {
        return attempts;
    }

    /** No attempt is made before this. */
    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    /** Why the city refused the report, as it said it; null while the report is pending. */
    public String getProblemBody() {
        return problemBody;
    }

    /** {@link #getProblemBody()} read as a problem, or null when it is not one the SDK can read. */
    public Problem getProblem() {
        return problem(problemBody);
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    File directory() {
        return directory;
    }

    static Problem problem(String body) {
        if (body == null) {
            return null;
        }
        try {
            return JSON.getGson().fromJson(body, Problem.class);
        } catch (RuntimeException notAProblem) {
            // A proxy's HTML page, or a field this SDK does not know yet: the raw body still says it.
            return null;
        }
    }

    /** Writes a new entry into {@code directory}, which must exist and be empty; every file is on disk on return. */
    static void write(File directory, NewServiceRequest report, List<File> photos, String idempotencyKey,
                      Instant enqueuedAt) throws IOException {
        JsonArray names = new JsonArray();
        for (int i = 0; i < photos.size(); i++) {
            String name = "photo-" + (i + 1) + extension(photos.get(i).getName());
            copy(photos.get(i), new File(directory, name));
            names.add(name);
        }
        writeText(new File(directory, REPORT), JSON.serialize(report));
        JsonObject entry = new JsonObject();
        entry.addProperty("idempotency_key", idempotencyKey);
        entry.addProperty("enqueued_at", enqueuedAt.toEpochMilli());
        entry.add("photos", names);
        writeText(new File(directory, ENTRY), entry.toString());
    }

    static OutboxReport read(File directory) throws IOException {
        try {
            NewServiceRequest report = EXACT_NUMBERS.fromJson(readText(new File(directory, REPORT)),
                    NewServiceRequest.class);
            JsonObject entry = JsonParser.parseString(readText(new File(directory, ENTRY))).getAsJsonObject();
            List<File> photos = new ArrayList<File>();
            for (JsonElement name : entry.getAsJsonArray("photos")) {
                photos.add(new File(directory, name.getAsString()));
            }
            Instant enqueuedAt = Instant.ofEpochMilli(entry.get("enqueued_at").getAsLong());
            int attempts = 0;
            Instant nextAttemptAt = enqueuedAt;
            File attemptsFile = new File(directory, ATTEMPTS);
            if (attemptsFile.isFile()) {
                JsonObject state = JsonParser.parseString(readText(attemptsFile)).getAsJsonObject();
                attempts = state.get("attempts").getAsInt();
                nextAttemptAt = Instant.ofEpochMilli(state.get("next_attempt_at").getAsLong());
            }
            File problemFile = new File(directory, PROBLEM);
            String problem = problemFile.isFile() ? readText(problemFile) : null;
            return new OutboxReport(directory, report, photos, entry.get("idempotency_key").getAsString(),
                    enqueuedAt, attempts, nextAttemptAt, problem);
        } catch (RuntimeException unreadable) {
            throw new IOException("unreadable outbox entry " + directory, unreadable);
        }
    }

    /** Records a failed attempt; the file is replaced whole, so a crash leaves the old record or the new one. */
    OutboxReport failedAttempt(Instant nextAttemptAt) throws IOException {
        JsonObject state = new JsonObject();
        state.addProperty("attempts", attempts + 1);
        state.addProperty("next_attempt_at", nextAttemptAt.toEpochMilli());
        replace(new File(directory, ATTEMPTS), state.toString());
        return new OutboxReport(directory, report, photos, idempotencyKey, enqueuedAt, attempts + 1, nextAttemptAt,
                problemBody);
    }

    /** Keeps the city's answer to a filed report, whole, before the entry leaves the pending ones. */
    void recordAnswer(int statusCode, ServiceRequestCreated created, boolean replayed) throws IOException {
        JsonObject answer = new JsonObject();
        answer.addProperty("status", statusCode);
        answer.addProperty("replayed", replayed);
        answer.add("created", JSON.getGson().toJsonTree(created));
        replace(new File(directory, ANSWER), answer.toString());
        for (File photo : photos) {
            // The city has them now; only the answer is worth the phone's space.
            photo.delete();
        }
    }

    /** The answer {@link #recordAnswer} kept in a filed entry's directory. */
    static Delivery answer(File directory) throws IOException {
        try {
            JsonObject answer = JsonParser.parseString(readText(new File(directory, ANSWER))).getAsJsonObject();
            return Delivery.filed(directory.getName(), answer.get("status").getAsInt(),
                    JSON.getGson().fromJson(answer.get("created"), ServiceRequestCreated.class),
                    answer.get("replayed").getAsBoolean());
        } catch (RuntimeException unreadable) {
            throw new IOException("unreadable filed entry " + directory, unreadable);
        }
    }

    void recordProblem(String body) throws IOException {
        replace(new File(directory, PROBLEM), body == null ? "" : body);
    }

    private static String extension(String name) {
        // The generated client sends a photo's type guessed from its name (the server reads the bytes anyway);
        // the rest of the name stays on the phone.
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
        return extension.matches("\\.[a-z0-9]{1,5}") ? extension : "";
    }

    private static void replace(File target, String text) throws IOException {
        File next = new File(target.getPath() + ".next");
        writeText(next, text);
        if (!next.renameTo(target)) {
            // Some file systems will not rename over an existing file; a missing record reads as the default.
            if (!target.delete() || !next.renameTo(target)) {
                throw new IOException("cannot replace " + target);
            }
        }
    }

    private static void writeText(File file, String text) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        }
    }

    private static void copy(File from, File to) throws IOException {
        try (InputStream in = new FileInputStream(from); FileOutputStream out = new FileOutputStream(to)) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            out.getFD().sync();
        }
    }

    private static String readText(File file) throws IOException {
        try (InputStream in = new FileInputStream(file)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
            return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        }
    }
}
