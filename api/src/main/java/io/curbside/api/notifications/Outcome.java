package io.curbside.api.notifications;

/** What became of one delivery attempt. */
record Outcome(Kind kind, String detail) {

    /** The kinds of result a sender reports. */
    enum Kind {
        /** The receiver took it (HTTP 2xx, SMTP accepted). */
        DELIVERED,
        /** It failed in a way that may pass: try again later. */
        FAILED,
        /** It can never succeed (a malformed address): give up now. */
        REJECTED,
        /** The webhook receiver answered 410 Gone: the subscription is ended. */
        GONE,
        /** Not attempted (the lease would have run out first): hand it back untouched. */
        NOT_SENT,
        /** Never to be sent: the publication policy keeps the event from subscribers. Finished, not a failure. */
        NOT_PUBLISHED
    }

    static Outcome delivered() {
        return new Outcome(Kind.DELIVERED, null);
    }

    static Outcome failed(String why) {
        return new Outcome(Kind.FAILED, why);
    }

    static Outcome rejected(String why) {
        return new Outcome(Kind.REJECTED, why);
    }

    static Outcome gone(String why) {
        return new Outcome(Kind.GONE, why);
    }

    static Outcome notPublished(String why) {
        return new Outcome(Kind.NOT_PUBLISHED, why);
    }

    static Outcome notSent() {
        return new Outcome(Kind.NOT_SENT, null);
    }
}
