package io.curbside.api.testing;

import com.nimbusds.jwt.JWTClaimsSet;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Date;
import java.util.Map;

/**
 * Checks a token's expiry and not-before against the app's {@link Clock}, as Micronaut's own
 * checks do against the system clock, in a test that switches those off ({@link #SETTINGS}): the
 * test then moves its clock past a token's lifetime instead of sleeping through it.
 */
@Singleton
@Requires(property = ClockedTokenTimes.EXPIRATION, value = "false")
@Requires(property = ClockedTokenTimes.NOT_BEFORE, value = "false")
public class ClockedTokenTimes<T> implements GenericJwtClaimsValidator<T> {

    static final String EXPIRATION = "micronaut.security.token.jwt.claims-validators.expiration";
    static final String NOT_BEFORE = "micronaut.security.token.jwt.claims-validators.not-before";
    public static final Map<String, String> SETTINGS = Map.of(EXPIRATION, "false", NOT_BEFORE, "false");

    private final Clock clock;

    ClockedTokenTimes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        JWTClaimsSet token = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims);
        Date now = Date.from(clock.instant());
        Date expires = token.getExpirationTime();
        Date notBefore = token.getNotBeforeTime();
        return (expires == null || !expires.before(now)) && (notBefore == null || !now.before(notBefore));
    }
}
