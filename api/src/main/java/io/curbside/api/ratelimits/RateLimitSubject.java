package io.curbside.api.ratelimits;

/**
 * Who a request is counted against, and at what rate: a client address, an API key, and later a
 * signed-in user (see {@link RateLimitSubjectResolver}).
 *
 * @param bucket    names the bucket, unique across kinds of subject ("address:203.0.113.5:write",
 *                  "api-key:42", "user:..."); requests with the same name share a budget
 * @param perMinute requests a minute, which is also the burst allowed at once (a full bucket)
 * @param counted   what is counted, for the person who reads the 429 ("submissions from your network")
 */
public record RateLimitSubject(String bucket, long perMinute, String counted) {

    public RateLimitSubject {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("a rate limit subject needs a bucket name");
        }
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is at least 1 a minute, not " + perMinute);
        }
        if (counted == null || counted.isBlank()) {
            throw new IllegalArgumentException("a rate limit subject says what it counts");
        }
    }
}
