package io.curbside.sdk;

import io.curbside.sdk.model.Problem;
import io.curbside.sdk.model.ServiceRequestCreated;

import java.time.Instant;

/** What became of one report in a round of {@link ReportOutbox#sendPending()}. */
public final class Delivery {

    /** Filed by the city; still waiting (offline, or the city busy); or refused, so it can never be filed as it is. */
    public enum Outcome { FILED, WAITING, REFUSED }

    private final String reportId;
    private final Outcome outcome;
    private final ServiceRequestCreated created;
    private final boolean replayed;
    private final int statusCode;
    private final String problemBody;
    private final Instant nextAttemptAt;

    private Delivery(String reportId, Outcome outcome, ServiceRequestCreated created, boolean replayed,
                     int statusCode, String problemBody, Instant nextAttemptAt) {
        this.reportId = reportId;
        this.outcome = outcome;
        this.created = created;
        this.replayed = replayed;
        this.statusCode = statusCode;
        this.problemBody = problemBody;
        this.nextAttemptAt = nextAttemptAt;
    }

    static Delivery filed(String reportId, int statusCode, ServiceRequestCreated created, boolean replayed) {
        return new Delivery(reportId, Outcome.FILED, created, replayed, statusCode, null, null);
    }

    static Delivery waiting(String reportId, int statusCode, String body, Instant nextAttemptAt) {
        return new Delivery(reportId, Outcome.WAITING, null, false, statusCode, body, nextAttemptAt);
    }

    static Delivery refused(String reportId, int statusCode, String problemBody) {
        return new Delivery(reportId, Outcome.REFUSED, null, false, statusCode, problemBody, null);
    }

    /** The id {@link ReportOutbox#enqueue} returned for the report. */
    public String getReportId() {
        return reportId;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    /** The city's answer to a filed report: its tracking number and the receipt token, shown only this once. */
    public ServiceRequestCreated getCreated() {
        return created;
    }

    /** True when the city had filed the report on an earlier attempt whose answer never reached the phone. */
    public boolean isReplayed() {
        return replayed;
    }

    /** The HTTP status of the answer; 0 when none came (offline, or the connection dropped). */
    public int getStatusCode() {
        return statusCode;
    }

    /** The city's answer when it was not a filing, as it said it (problem+json); null when none came. */
    public String getProblemBody() {
        return problemBody;
    }

    /** {@link #getProblemBody()} read as a problem, or null when it is not one the SDK can read. */
    public Problem getProblem() {
        return OutboxReport.problem(problemBody);
    }

    /** For a report still waiting: no attempt is made before this. */
    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }
}
