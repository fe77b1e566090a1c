package io.curbside.api.ratelimits;

/**
 * A key just issued: the only time its secret exists outside the client. Hand {@link #secret()}
 * to the client once; Curbside keeps only its hash and cannot show it again.
 *
 * @param secret the whole key the client sends in {@code X-Api-Key}
 * @param key    the stored record
 */
public record IssuedApiKey(String secret, ApiKey key) {

    /** Without the secret: an issued key logged by accident does not leak. */
    @Override
    public String toString() {
        return "IssuedApiKey[" + key + "]";
    }
}
