package io.curbside.api.reports;

import io.curbside.api.idempotency.Caller;

import java.util.UUID;

/**
 * Who files a report: the resident's account (null when anonymous), the liaison filing it for
 * a neighbour (null otherwise), and whether that neighbour agreed to be contacted.
 */
public record Filer(UUID reporter, UUID liaison, Boolean contactConsent) {

    public static final Filer ANONYMOUS = new Filer(null, null, null);

    public static Filer resident(UUID account) {
        return new Filer(account, null, null);
    }

    /** A liaison filing for a neighbour who has no account here, with the neighbour's answer on being contacted. */
    public static Filer liaison(UUID liaison, boolean contactConsent) {
        return new Filer(null, liaison, contactConsent);
    }

    /** Whether a liaison files it, and the neighbour did not agree to be contacted. */
    boolean withoutConsent() {
        return liaison != null && !Boolean.TRUE.equals(contactConsent);
    }

    /** Who sends the report's Idempotency-Key: the liaison, else the resident's account, else nobody known. */
    Caller caller() {
        if (liaison != null) {
            return Caller.liaison(liaison);
        }
        return reporter == null ? Caller.ANONYMOUS : Caller.account(reporter);
    }

    /** What makes two filings with one Idempotency-Key different, beside the report itself. */
    String fingerprint() {
        return reporter + "/" + liaison + "/" + contactConsent;
    }
}
