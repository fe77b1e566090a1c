package io.curbside.api.following;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Following, from {@code curbside.following.*}.
 *
 * @param limit the most requests one account follows by choice (following, "me too"): a cap on what
 *              one account can have mailed to it
 */
@ConfigurationProperties("curbside.following")
public record FollowingSettings(int limit) {

    public FollowingSettings {
        if (limit < 1) {
            throw new ConfigurationException("curbside.following.limit must be at least 1, not " + limit);
        }
    }
}
