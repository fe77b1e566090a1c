package io.curbside.api.accounts;

import io.curbside.api.ratelimits.RateLimitSettings;
import io.curbside.api.ratelimits.RateLimitSubject;
import io.curbside.api.ratelimits.RateLimitSubjectResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Counts a signed-in person's requests against their own budget, not their address's: a city
 * office behind one address holds many staff, and a phone on mobile data shares its address
 * with strangers. The budget per person is the one per address. Only a token the security
 * filter accepted counts; a bad one leaves the request to its address.
 */
@Singleton
class SignedInRateLimits implements RateLimitSubjectResolver {

    private final RateLimitSettings settings;

    SignedInRateLimits(RateLimitSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<RateLimitSubject> resolve(HttpRequest<?> request, boolean write) {
        if (InvalidTokenFilter.issuesTokens(request.getPath())) {
            // Signing up and in always count by address: else each new account would bring its
            // own budget of password guesses.
            return Optional.empty();
        }
        return request.getUserPrincipal(Authentication.class).map(person -> {
            String bucket = "user:" + person.getAttributes().get(TokenAuthentication.ISSUER) + ":" + person.getName();
            return write
                    ? new RateLimitSubject(bucket + ":write", settings.writesPerMinute(), "changes from your account")
                    : new RateLimitSubject(bucket + ":read", settings.readsPerMinute(), "requests from your account");
        });
    }
}
